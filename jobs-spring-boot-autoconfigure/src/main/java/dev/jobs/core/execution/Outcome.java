package dev.jobs.core.execution;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import dev.jobs.FailureReason;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.port.OutcomeKind;
import tools.jackson.databind.JsonNode;

/**
 * How one delivery of a job ended: one record per {@link OutcomeKind}. The worker settles each
 * kind in a step of its own ({@link Visitor}), and only then may the delivery be acknowledged.
 *
 * <p>Java 17 has no exhaustive switch over sealed types, so exhaustiveness comes from two
 * places: a {@link Visitor} has one method per record, and {@link #kind()} maps each record to
 * the enum that code outside the engine switches over. Adding an outcome means adding a record,
 * a visitor method and a kind, and every handler fails to compile until it handles them.
 */
public sealed interface Outcome {

	/**
	 * What kind of outcome this is.
	 * @return the kind
	 */
	OutcomeKind kind();

	/**
	 * The job, if its body could be read.
	 * @return the envelope, or {@code null}
	 */
	JobEnvelope envelope();

	/**
	 * When the task started, if it ran.
	 * @return the start, or {@code null}
	 */
	Instant startedAt();

	/**
	 * Why the job failed for good.
	 * @return the reason for {@link Failed} and {@link Rejected}, otherwise {@code null}
	 */
	default FailureReason reason() {
		return null;
	}

	/**
	 * Hands this outcome to the visitor's method for its record.
	 * @param visitor the visitor
	 * @param <R> what the visitor returns
	 * @return what the visitor returned
	 */
	<R> R accept(Visitor<R> visitor);

	/**
	 * One method per outcome.
	 *
	 * @param <R> what each method returns
	 */
	interface Visitor<R> {

		/**
		 * Handles a success.
		 * @param outcome the outcome
		 * @return the result
		 */
		R succeeded(Succeeded outcome);

		/**
		 * Handles a failed attempt with another one to come.
		 * @param outcome the outcome
		 * @return the result
		 */
		R retryScheduled(RetryScheduled outcome);

		/**
		 * Handles a task that failed for good.
		 * @param outcome the outcome
		 * @return the result
		 */
		R failed(Failed outcome);

		/**
		 * Handles a message that could not run.
		 * @param outcome the outcome
		 * @return the result
		 */
		R rejected(Rejected outcome);

		/**
		 * Handles an expired job.
		 * @param outcome the outcome
		 * @return the result
		 */
		R expired(Expired outcome);

		/**
		 * Handles a job a guard put off.
		 * @param outcome the outcome
		 * @return the result
		 */
		R deferred(Deferred outcome);

		/**
		 * Handles a job a guard ended without running it.
		 * @param outcome the outcome
		 * @return the result
		 */
		R skipped(Skipped outcome);

		/**
		 * Handles a cancelled job.
		 * @param outcome the outcome
		 * @return the result
		 */
		R cancelled(Cancelled outcome);

		/**
		 * Handles a job that took over another one's result.
		 * @param outcome the outcome
		 * @return the result
		 */
		R deduplicated(Deduplicated outcome);

		/**
		 * Handles an attempt given back to its queue.
		 * @param outcome the outcome
		 * @return the result
		 */
		R givenBack(GivenBack outcome);

	}

	/**
	 * The task returned.
	 * @param envelope the job
	 * @param startedAt when the attempt started
	 * @param value the return value as JSON
	 */
	record Succeeded(JobEnvelope envelope, Instant startedAt, JsonNode value) implements Outcome {

		@Override
		public OutcomeKind kind() {
			return OutcomeKind.SUCCEEDED;
		}

		@Override
		public <R> R accept(Visitor<R> visitor) {
			return visitor.succeeded(this);
		}

	}

	/**
	 * The task failed and the job will be tried again: a copy for the next attempt goes to the
	 * broker's delay levels before this delivery is acknowledged.
	 * @param envelope the job
	 * @param startedAt when the failed attempt started
	 * @param delay the wait before the next attempt
	 * @param error what the task threw
	 */
	record RetryScheduled(JobEnvelope envelope, Instant startedAt, Duration delay, Throwable error) implements Outcome {

		@Override
		public OutcomeKind kind() {
			return OutcomeKind.RETRY_SCHEDULED;
		}

		@Override
		public <R> R accept(Visitor<R> visitor) {
			return visitor.retryScheduled(this);
		}

	}

	/**
	 * The task ran and failed for good: the job goes to the dead-letter queue, its failure is
	 * stored and the failure listeners are told.
	 * @param envelope the job
	 * @param startedAt when the last attempt started
	 * @param reason why it is not tried again; a {@linkplain FailureReason#isTaskFailure() task
	 * failure}
	 * @param error what the task threw, or what went wrong with its result
	 */
	record Failed(JobEnvelope envelope, Instant startedAt, FailureReason reason, Throwable error) implements Outcome {

		/**
		 * Creates a {@code Failed}, checking its components.
		 * @param envelope the job
		 * @param startedAt when the last attempt started
		 * @param reason why it is not tried again; a {@linkplain FailureReason#isTaskFailure() task
		 * failure}
		 * @param error what the task threw, or what went wrong with its result
		 */
		public Failed {
			Objects.requireNonNull(envelope, "envelope");
			if (!reason.isTaskFailure()) {
				throw new IllegalArgumentException(reason + " is not a failure of the task; use Rejected");
			}
		}

		@Override
		public OutcomeKind kind() {
			return OutcomeKind.FAILED;
		}

		@Override
		public <R> R accept(Visitor<R> visitor) {
			return visitor.failed(this);
		}

	}

	/**
	 * The message cannot run as it is and goes to the dead-letter queue without running: bad
	 * input is final at once.
	 * @param envelope the job, or {@code null} if the body could not be read
	 * @param reason why; never a {@linkplain FailureReason#isTaskFailure() task failure}
	 * @param error the exception describing what is wrong
	 */
	record Rejected(JobEnvelope envelope, FailureReason reason, Throwable error) implements Outcome {

		/**
		 * Creates a {@code Rejected}, checking its components.
		 * @param envelope the job, or {@code null} if the body could not be read
		 * @param reason why; never a {@linkplain FailureReason#isTaskFailure() task failure}
		 * @param error the exception describing what is wrong
		 */
		public Rejected {
			if (reason.isTaskFailure()) {
				throw new IllegalArgumentException(reason + " is a failure of the task; use Failed");
			}
		}

		@Override
		public OutcomeKind kind() {
			return OutcomeKind.REJECTED;
		}

		@Override
		public Instant startedAt() {
			return null;
		}

		@Override
		public <R> R accept(Visitor<R> visitor) {
			return visitor.rejected(this);
		}

	}

	/**
	 * The job was cancelled: it is not run, or, if it was running, it was interrupted.
	 * @param envelope the job
	 * @param startedAt when its task started, or {@code null} if it did not run
	 */
	record Cancelled(JobEnvelope envelope, Instant startedAt) implements Outcome {

		@Override
		public OutcomeKind kind() {
			return OutcomeKind.CANCELLED;
		}

		@Override
		public <R> R accept(Visitor<R> visitor) {
			return visitor.cancelled(this);
		}

	}

	/**
	 * The job was past its expiry and was not run.
	 * @param envelope the job
	 */
	record Expired(JobEnvelope envelope) implements Outcome {

		@Override
		public OutcomeKind kind() {
			return OutcomeKind.EXPIRED;
		}

		@Override
		public Instant startedAt() {
			return null;
		}

		@Override
		public <R> R accept(Visitor<R> visitor) {
			return visitor.expired(this);
		}

	}

	/**
	 * A guard put the job off: a copy of the same attempt goes to the delay levels, due after
	 * the delay, before this delivery is acknowledged. No attempt is spent, and the broker's
	 * delivery count starts again with the copy.
	 * @param envelope the job
	 * @param delay how long to wait before trying again
	 * @param because why, a short snake-case reason such as {@code already_running}, which the
	 * record keeps as its {@code reason}
	 */
	record Deferred(JobEnvelope envelope, Duration delay, String because) implements Outcome {

		@Override
		public OutcomeKind kind() {
			return OutcomeKind.DEFERRED;
		}

		@Override
		public Instant startedAt() {
			return null;
		}

		@Override
		public <R> R accept(Visitor<R> visitor) {
			return visitor.deferred(this);
		}

	}

	/**
	 * A guard ended the job on purpose, without running it.
	 * @param envelope the job
	 * @param because why, a short snake-case reason such as {@code already_running}, which the
	 * record keeps as its {@code reason}
	 * @param detail a sentence for the log
	 */
	record Skipped(JobEnvelope envelope, String because, String detail) implements Outcome {

		@Override
		public OutcomeKind kind() {
			return OutcomeKind.SKIPPED;
		}

		@Override
		public Instant startedAt() {
			return null;
		}

		@Override
		public <R> R accept(Visitor<R> visitor) {
			return visitor.skipped(this);
		}

	}

	/**
	 * An earlier job with the same idempotency key succeeded: this one ends {@code SUCCESS} with
	 * that result, without running.
	 * @param envelope the job
	 * @param value the earlier job's result as JSON
	 * @param from the earlier job's id
	 */
	record Deduplicated(JobEnvelope envelope, JsonNode value, String from) implements Outcome {

		@Override
		public OutcomeKind kind() {
			return OutcomeKind.DEDUPLICATED;
		}

		@Override
		public Instant startedAt() {
			return null;
		}

		@Override
		public <R> R accept(Visitor<R> visitor) {
			return visitor.deduplicated(this);
		}

	}

	/**
	 * The attempt was cut short because the worker is stopping: nothing is settled and the
	 * delivery is given back, so the job runs again elsewhere or after the restart.
	 * @param envelope the job
	 * @param startedAt when the attempt started
	 */
	record GivenBack(JobEnvelope envelope, Instant startedAt) implements Outcome {

		@Override
		public OutcomeKind kind() {
			return OutcomeKind.GIVEN_BACK;
		}

		@Override
		public <R> R accept(Visitor<R> visitor) {
			return visitor.givenBack(this);
		}

	}

}
