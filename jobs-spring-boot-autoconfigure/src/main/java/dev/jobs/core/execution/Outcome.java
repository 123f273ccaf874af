package dev.jobs.core.execution;

import java.time.Duration;
import java.time.Instant;

import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.FailureReason;
import tools.jackson.databind.JsonNode;

/**
 * How one delivery of a job ended. The worker settles each kind exhaustively (stores the
 * result, publishes the dead letter) before the delivery is acknowledged.
 */
public sealed interface Outcome {

	/**
	 * The tag used for metrics and logs.
	 * @return a short lower-case name
	 */
	String tag();

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
	 * The task returned.
	 * @param envelope the job
	 * @param startedAt when the attempt started
	 * @param value the return value as JSON
	 */
	record Succeeded(JobEnvelope envelope, Instant startedAt, JsonNode value) implements Outcome {

		@Override
		public String tag() {
			return "success";
		}

	}

	/**
	 * The job was past its expiry and was not run.
	 * @param envelope the job
	 */
	record Expired(JobEnvelope envelope) implements Outcome {

		@Override
		public String tag() {
			return "expired";
		}

		@Override
		public Instant startedAt() {
			return null;
		}

	}

	/**
	 * The attempt was cut short because the worker is shutting down: nothing is settled and
	 * the delivery is given back, so the job runs again elsewhere or after the restart.
	 * @param envelope the job
	 * @param startedAt when the attempt started
	 */
	record Abandoned(JobEnvelope envelope, Instant startedAt) implements Outcome {

		@Override
		public String tag() {
			return "abandoned";
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
		public String tag() {
			return "retry";
		}

	}

	/**
	 * The job can never succeed as it is and goes to the dead-letter queue.
	 * @param body the original body
	 * @param envelope the job, or {@code null} if the body could not be read
	 * @param startedAt when the attempt started, or {@code null} if it never ran
	 * @param reason why
	 * @param error the task's exception, or the exception describing the bad input
	 */
	record DeadLettered(byte[] body, JobEnvelope envelope, Instant startedAt, FailureReason reason,
			Throwable error) implements Outcome {

		@Override
		public String tag() {
			return "dead";
		}

	}

}
