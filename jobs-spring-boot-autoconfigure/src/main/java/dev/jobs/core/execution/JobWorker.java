package dev.jobs.core.execution;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.jobs.JobError;
import dev.jobs.JobStatus;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.port.DeadLetter;
import dev.jobs.core.port.DeadLetterPublisher;
import dev.jobs.core.port.JobObserver;
import dev.jobs.core.port.ResultRecord;
import dev.jobs.core.port.ResultStore;

/**
 * The life of one delivery on a worker, up to the moment it may be acknowledged:
 * <ol>
 * <li>the {@link JobExecutor} runs it and says how it ended;</li>
 * <li>the outcome is settled: a success or an expiry is stored as the job's result; a dead
 * letter is published to the dead-letter queue and confirmed, then {@code FAILURE} is
 * stored;</li>
 * <li>only when this method returns normally, with any outcome but
 * {@link Outcome.Abandoned}, may the broker adapter acknowledge the delivery.
 * If settling throws (the store or the broker is down), the delivery must not be
 * acknowledged: it is redelivered and nothing is lost.</li>
 * </ol>
 */
public final class JobWorker {

	private static final Log logger = LogFactory.getLog(JobWorker.class);

	private final JobExecutor executor;

	private final ResultStore results;

	private final DeadLetterPublisher deadLetters;

	private final JobObserver observer;

	private final Clock clock;

	public JobWorker(JobExecutor executor, ResultStore results, DeadLetterPublisher deadLetters, JobObserver observer,
			Clock clock) {
		this.executor = executor;
		this.results = results;
		this.deadLetters = deadLetters;
		this.observer = observer;
		this.clock = clock;
	}

	/**
	 * Runs and settles one delivery.
	 * @param inbound the delivery
	 * @return how it ended, once settled
	 */
	public Outcome handle(InboundJob inbound) {
		Outcome outcome = this.executor.execute(inbound);
		if (outcome instanceof Outcome.Succeeded succeeded) {
			settle(succeeded, inbound);
		}
		else if (outcome instanceof Outcome.Expired expired) {
			settle(expired, inbound);
		}
		else if (outcome instanceof Outcome.DeadLettered dead) {
			settle(dead, inbound);
		}
		else if (outcome instanceof Outcome.Abandoned abandoned) {
			logger.info("Job " + abandoned.envelope().id() + " (task '" + abandoned.envelope().task()
					+ "') was interrupted by shutdown; it will be redelivered");
		}
		else {
			throw new IllegalStateException("Unhandled outcome " + outcome);
		}
		observe(inbound, outcome);
		return outcome;
	}

	private void observe(InboundJob inbound, Outcome outcome) {
		JobEnvelope job = outcome.envelope();
		Instant startedAt = outcome.startedAt();
		Duration ran = (startedAt != null) ? Duration.between(startedAt, this.clock.instant()) : Duration.ZERO;
		this.observer.settled(inbound.queue(), (job != null) ? job.task() : null, outcome, ran);
	}

	private void settle(Outcome.Succeeded succeeded, InboundJob inbound) {
		JobEnvelope job = succeeded.envelope();
		this.results.record(new ResultRecord(job.id(), job.task(), inbound.queue(), JobStatus.SUCCESS, job.attempt(),
				job.enqueuedAt(), succeeded.startedAt(), this.clock.instant(), succeeded.value(), null));
	}

	private void settle(Outcome.Expired expired, InboundJob inbound) {
		JobEnvelope job = expired.envelope();
		Instant now = this.clock.instant();
		logger.info("Job " + job.id() + " (task '" + job.task() + "') expired at " + job.expiresAt()
				+ " before a worker started it; not run");
		this.results.record(new ResultRecord(job.id(), job.task(), inbound.queue(), JobStatus.EXPIRED, job.attempt() - 1,
				job.enqueuedAt(), null, now, null,
				new JobError("EXPIRED", "expired at " + job.expiresAt() + " before a worker started it")));
	}

	private void settle(Outcome.DeadLettered dead, InboundJob inbound) {
		JobEnvelope job = dead.envelope();
		Instant now = this.clock.instant();
		String message = FailureText.message(dead.error());
		String errorType = dead.error().getClass().getName();
		int attempts = (job == null) ? 0 : (dead.startedAt() != null) ? job.attempt() : job.attempt() - 1;
		this.deadLetters.publish(new DeadLetter(dead.body(), dead.reason(), (job != null) ? job.id() : null,
				(job != null) ? job.task() : null, inbound.queue(), attempts, errorType, message,
				FailureText.stackTrace(dead.error()), now));
		logger.warn("Dead-lettered " + describe(job) + " from queue '" + inbound.queue() + "' (reason: "
				+ dead.reason() + "): " + errorType + ": " + message);
		if (job != null) {
			recordFailure(job, inbound, dead, attempts, now, new JobError(errorType, message));
		}
	}

	/**
	 * Stores {@code FAILURE} once the dead letter is confirmed. The dead letter is the durable
	 * record, so a store failure here is logged rather than rethrown: rethrowing would redeliver
	 * the job and run it again only to dead-letter it twice.
	 */
	private void recordFailure(JobEnvelope job, InboundJob inbound, Outcome.DeadLettered dead, int attempts,
			Instant now, JobError error) {
		try {
			this.results.record(new ResultRecord(job.id(), job.task(), inbound.queue(), JobStatus.FAILURE, attempts,
					job.enqueuedAt(), dead.startedAt(), now, null, error));
		}
		catch (RuntimeException ex) {
			logger.error("Job " + job.id() + " is in the dead-letter queue but its FAILURE result could not be"
					+ " stored; its status will read as before", ex);
		}
	}

	private static String describe(JobEnvelope job) {
		return (job != null) ? "job " + job.id() + " (task '" + job.task() + "')" : "an unreadable message";
	}

}
