package dev.jobs.core.execution;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.log.LogMessage;

import dev.jobs.FailureReason;
import dev.jobs.JobError;
import dev.jobs.JobFailure;
import dev.jobs.JobOptions;
import dev.jobs.JobStatus;
import dev.jobs.JobTimeoutException;
import dev.jobs.core.envelope.FailureText;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.port.DeadLetter;
import dev.jobs.core.port.ResultRecord;

/**
 * Settles an outcome, one step per kind, so that the delivery may then be acknowledged:
 * <ul>
 * <li>{@linkplain #succeeded succeeded} and {@linkplain #expired expired}: the record is stored
 * (without waiting; the returned future completes once it is);</li>
 * <li>{@linkplain #retryScheduled retry}: the copy for the next attempt is published and
 * confirmed, then {@code RETRYING} is recorded;</li>
 * <li>{@linkplain #failed failed}: the dead letter is published and confirmed, then
 * {@code FAILURE} is stored, and only then are the failure listeners told;</li>
 * <li>{@linkplain #rejected rejected}: the dead letter is published and confirmed, then
 * {@code FAILURE} is stored if the job has an id;</li>
 * <li>{@linkplain #deferred deferred}: a copy of the same attempt is published to the delay
 * levels and confirmed, then {@code DEFERRED} is recorded;</li>
 * <li>{@linkplain #skipped skipped} and {@linkplain #deduplicated deduplicated}: the record
 * ({@code SKIPPED}, or {@code SUCCESS} with the earlier job's result) is stored;</li>
 * <li>{@linkplain #givenBack given back}: nothing; the delivery goes back to its queue.</li>
 * </ul>
 * A record the store refuses is stored again every {@code settleRetryPause} while the delivery is
 * held, without running the job again; a successor the broker refuses is published again the
 * same way ({@link HeldPublisher}). Once a successor is confirmed the job's fate is durable, so
 * the record after it never fails the settlement: a redelivery then would run the job again.
 */
final class OutcomeSettlement {

	private static final Log logger = LogFactory.getLog(OutcomeSettlement.class);

	private final JobWorker.Ports ports;

	private final HeldPublisher successors;

	private final Clock clock;

	OutcomeSettlement(JobWorker.Ports ports, DeliveryHold hold, Clock clock) {
		this.ports = ports;
		this.successors = new HeldPublisher(ports.confirmTimeout(), hold);
		this.clock = clock;
	}

	/**
	 * Settles one outcome of one delivery.
	 * @param outcome how the delivery ended
	 * @param inbound the delivery
	 * @return completes once the outcome is durable, or exceptionally if the delivery must be
	 * given back
	 */
	CompletableFuture<Void> settle(Outcome outcome, InboundJob inbound) {
		return outcome.accept(new Steps(inbound));
	}

	private final class Steps implements Outcome.Visitor<CompletableFuture<Void>> {

		private final InboundJob inbound;

		Steps(InboundJob inbound) {
			this.inbound = inbound;
		}

		@Override
		public CompletableFuture<Void> succeeded(Outcome.Succeeded outcome) {
			return store(this.inbound, ResultRecord.of(outcome.envelope(), this.inbound.queue(), JobStatus.SUCCESS)
				.startedAt(outcome.startedAt())
				.finishedAt(now())
				.result(outcome.value()));
		}

		@Override
		public CompletableFuture<Void> retryScheduled(Outcome.RetryScheduled outcome) {
			JobEnvelope job = outcome.envelope();
			Instant now = now();
			Instant due = now.plus(capped(outcome.delay(), job));
			JobEnvelope next = job.nextAttempt(due, now);
			OutcomeSettlement.this.successors.publish(this.inbound, "the retry of job " + job.id(),
					() -> OutcomeSettlement.this.ports.retries().publish(next));
			JobError error = error(outcome.error());
			logger.info("Job " + job.id() + " (task '" + job.task() + "') attempt " + job.attempt() + " failed with "
					+ error + "; attempt " + (job.attempt() + 1) + " at " + due);
			return storeAfterSuccessor(this.inbound, ResultRecord.of(job, this.inbound.queue(), JobStatus.RETRYING)
				.startedAt(outcome.startedAt())
				.error(error)
				.nextAttemptAt(due)
				.reason(reasonOf(outcome.error())));
		}

		@Override
		public CompletableFuture<Void> failed(Outcome.Failed outcome) {
			JobEnvelope job = outcome.envelope();
			Instant now = now();
			JobError error = error(outcome.error());
			deadLetter(this.inbound, job, outcome.reason(), job.attempt(), outcome.error(), now);
			ResultRecord record = ResultRecord.of(job, this.inbound.queue(), JobStatus.FAILURE)
				.startedAt(outcome.startedAt())
				.finishedAt(now)
				.error(error)
				.reason(reasonOf(outcome.error()));
			JobFailure failure = new JobFailure(job.id(), job.task(), this.inbound.queue(), job.attempt(), error,
					outcome.reason(), now);
			return tellListenersOnceStored(storeAfterSuccessor(this.inbound, record), failure);
		}

		@Override
		public CompletableFuture<Void> rejected(Outcome.Rejected outcome) {
			JobEnvelope job = outcome.envelope();
			Instant now = now();
			JobError cause = error(outcome.error());
			// Bad input never ran: say what happened to it, as the task's own errors need not.
			JobError error = new JobError(cause.type(), FailureText.cap(cause.message()
					+ "; dead-lettered without running (reason: " + outcome.reason() + ")", FailureText.MAX_MESSAGE));
			int attempts = (job != null) ? job.attempt() - 1 : 0;
			deadLetter(this.inbound, job, outcome.reason(), attempts, outcome.error(), now);
			if (job == null) {
				return CompletableFuture.completedFuture(null);
			}
			return storeAfterSuccessor(this.inbound, ResultRecord.of(job, this.inbound.queue(), JobStatus.FAILURE)
				.attempts(attempts)
				.finishedAt(now)
				.error(error));
		}

		@Override
		public CompletableFuture<Void> expired(Outcome.Expired outcome) {
			JobEnvelope job = outcome.envelope();
			logger.info("Job " + job.id() + " (task '" + job.task() + "') expired at " + job.expiresAt()
					+ " before a worker started it; not run");
			return store(this.inbound, ResultRecord.of(job, this.inbound.queue(), JobStatus.EXPIRED)
				.attempts(job.attempt() - 1)
				.finishedAt(now())
				.error(new JobError("EXPIRED", "expired at " + job.expiresAt() + " before a worker started it")));
		}

		@Override
		public CompletableFuture<Void> deferred(Outcome.Deferred outcome) {
			JobEnvelope job = outcome.envelope();
			Instant due = now().plus(capped(outcome.delay(), job));
			OutcomeSettlement.this.successors.publish(this.inbound, "the deferred copy of job " + job.id(),
					() -> OutcomeSettlement.this.ports.retries().publish(job.deferredUntil(due)));
			if (logger.isDebugEnabled()) {
				logger.debug("Job " + job.id() + " (task '" + job.task() + "') deferred until " + due + " ("
						+ outcome.because() + "); no attempt spent");
			}
			return storeAfterSuccessor(this.inbound, ResultRecord.of(job, this.inbound.queue(), JobStatus.DEFERRED)
				.attempts(job.attempt() - 1)
				.nextAttemptAt(due)
				.reason(outcome.because()));
		}

		@Override
		public CompletableFuture<Void> skipped(Outcome.Skipped outcome) {
			JobEnvelope job = outcome.envelope();
			logger.info("Job " + job.id() + " (task '" + job.task() + "') skipped: " + outcome.detail());
			return store(this.inbound, ResultRecord.of(job, this.inbound.queue(), JobStatus.SKIPPED)
				.attempts(job.attempt() - 1)
				.finishedAt(now())
				.reason(outcome.because()));
		}

		@Override
		public CompletableFuture<Void> cancelled(Outcome.Cancelled outcome) {
			JobEnvelope job = outcome.envelope();
			boolean ran = outcome.startedAt() != null;
			logger.info("Job " + job.id() + " (task '" + job.task() + "') cancelled"
					+ (ran ? " while it ran; interrupted" : "; not run"));
			return store(this.inbound, ResultRecord.of(job, this.inbound.queue(), JobStatus.CANCELLED)
				.attempts(ran ? job.attempt() : job.attempt() - 1)
				.startedAt(outcome.startedAt())
				.finishedAt(now())
				.reason("cancelled"));
		}

		@Override
		public CompletableFuture<Void> deduplicated(Outcome.Deduplicated outcome) {
			JobEnvelope job = outcome.envelope();
			logger.debug(LogMessage.format("Job %s (task '%s') ended with the result of job %s, which had its"
					+ " idempotency key; not run", job.id(), job.task(), outcome.from()));
			return store(this.inbound, ResultRecord.of(job, this.inbound.queue(), JobStatus.SUCCESS)
				.attempts(job.attempt() - 1)
				.finishedAt(now())
				.result(outcome.value())
				.deduplicatedFrom(outcome.from()));
		}

		@Override
		public CompletableFuture<Void> givenBack(Outcome.GivenBack outcome) {
			logger.info("Job " + outcome.envelope().id() + " (task '" + outcome.envelope().task()
					+ "') was interrupted by shutdown; it will be redelivered");
			return CompletableFuture.completedFuture(null);
		}

	}

	private void deadLetter(InboundJob inbound, JobEnvelope job, FailureReason reason, int attempts, Throwable thrown,
			Instant now) {
		JobError error = error(thrown);
		Instant firstFailedAt = (job != null && job.firstFailedAt() != null) ? job.firstFailedAt() : now;
		DeadLetter letter = DeadLetter.of(inbound.body(), reason, inbound.queue(), now)
			.job((job != null) ? job.id() : null, (job != null) ? job.task() : null)
			.attempts(attempts)
			.error(error.type(), error.message(), FailureText.stackTrace(cause(thrown)))
			.firstFailedAt(firstFailedAt)
			.original(inbound.attributes());
		this.successors.publish(inbound, "the dead letter of " + describe(job), () -> {
			this.ports.deadLetters().publish(letter);
			return CompletableFuture.completedFuture(null);
		});
		logger.warn("Dead-lettered " + describe(job) + " from queue '" + inbound.queue() + "' (reason: "
				+ reason + "): " + error);
	}

	/**
	 * Tells the failure listeners once the {@code FAILURE} record is stored, as the docs promise,
	 * on the worker's thread. The dead letter is confirmed already, so nothing a listener does
	 * (it may even throw an {@link Error}) can give the delivery back.
	 */
	private CompletableFuture<Void> tellListenersOnceStored(CompletableFuture<Void> stored, JobFailure failure) {
		try {
			stored.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return stored.thenRun(() -> this.ports.failureListeners().notify(failure));
		}
		catch (ExecutionException ex) {
			// storeAfterSuccessor never fails.
		}
		this.ports.failureListeners().notify(failure);
		return CompletableFuture.completedFuture(null);
	}

	/**
	 * Stores the record that settles the delivery. If the store fails, the job is not run again:
	 * the record is stored again every {@code settleRetryPause} for as long as the delivery is
	 * held, so a Redis outage delays the acknowledgement instead of turning a finished job into a
	 * redelivery (which would run it twice and use up the queue's delivery limit).
	 */
	private CompletableFuture<Void> store(InboundJob inbound, ResultRecord record) {
		return this.ports.results()
			.recordAsync(record)
			.exceptionallyCompose((error) -> storeLater(inbound, record, error));
	}

	private CompletableFuture<Void> storeLater(InboundJob inbound, ResultRecord record, Throwable error) {
		Throwable cause = (error instanceof CompletionException && error.getCause() != null) ? error.getCause() : error;
		if (!inbound.held().getAsBoolean()) {
			return CompletableFuture.failedFuture(cause);
		}
		Duration pause = this.ports.settleRetryPause();
		logger.warn("The " + record.status() + " record of job " + record.id() + " could not be stored (" + cause
				+ "); storing it again in " + pause + ". The job is not run again");
		Executor later = CompletableFuture.delayedExecutor(pause.toNanos(), TimeUnit.NANOSECONDS);
		return CompletableFuture.runAsync(() -> {
		}, later).thenCompose((ignored) -> store(inbound, record));
	}

	/**
	 * Stores a record after a confirmed successor: like {@link #store}, but once the delivery is no
	 * longer held the record is given up with an error instead of failing the settlement.
	 */
	private CompletableFuture<Void> storeAfterSuccessor(InboundJob inbound, ResultRecord record) {
		return store(inbound, record).exceptionally((error) -> {
			logger.error("Job " + record.id() + " is settled in the broker but its " + record.status()
					+ " record could not be stored; its status will read as before", error);
			return null;
		});
	}

	private Instant now() {
		return this.clock.instant();
	}

	private static Duration capped(Duration delay, JobEnvelope job) {
		if (delay.compareTo(JobOptions.MAX_DELAY) <= 0) {
			return delay;
		}
		logger.warn("Retry delay " + delay + " of job " + job.id() + " is longer than the longest delay; using "
				+ JobOptions.MAX_DELAY);
		return JobOptions.MAX_DELAY;
	}

	/** {@code timed_out} for an attempt its time limit ended, so the record says why. */
	private static String reasonOf(Throwable error) {
		return (error instanceof JobTimeoutException) ? "timed_out" : null;
	}

	private static Throwable cause(Throwable error) {
		return TaskErrors.cause(error);
	}

	private static JobError error(Throwable error) {
		return TaskErrors.of(error);
	}

	private static String describe(JobEnvelope job) {
		return (job != null) ? "job " + job.id() + " (task '" + job.task() + "')" : "an unreadable message";
	}

}
