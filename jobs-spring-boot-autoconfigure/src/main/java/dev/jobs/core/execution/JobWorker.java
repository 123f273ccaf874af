package dev.jobs.core.execution;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.jobs.JobError;
import dev.jobs.JobFailure;
import dev.jobs.JobOptions;
import dev.jobs.JobStatus;
import dev.jobs.RetryJob;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.port.DeadLetter;
import dev.jobs.core.port.DeadLetterPublisher;
import dev.jobs.FailureReason;
import dev.jobs.core.port.JobObserver;
import dev.jobs.core.port.JobPublisher;
import dev.jobs.core.port.ResultRecord;
import dev.jobs.core.port.ResultStore;
import dev.jobs.core.task.TaskError;

/**
 * The life of one delivery on a worker, up to the moment it may be acknowledged:
 * <ol>
 * <li>the {@link JobExecutor} runs it and says how it ended;</li>
 * <li>the outcome is settled: a success or an expiry is stored as the job's result; a retry is
 * published as a copy for the next attempt and confirmed, then {@code RETRYING} is stored; a
 * dead letter is published and confirmed, then {@code FAILURE} is stored and the failure
 * listeners are told;</li>
 * <li>only when the settlement completes normally, with any outcome but
 * {@link Outcome.Abandoned}, may the broker adapter acknowledge the delivery. A record the store
 * refuses is stored again while the delivery is held, without running the job again. If the
 * settlement completes exceptionally (the broker did not confirm a successor, or the delivery
 * was taken back before its record could be stored), the delivery must not be acknowledged: it
 * is redelivered and nothing is lost.</li>
 * </ol>
 * Where a durable successor (the retry copy, the dead letter) is confirmed, the status record
 * after it is written best-effort: failing the delivery then would run the job again.
 */
public final class JobWorker {

	private static final Log logger = LogFactory.getLog(JobWorker.class);

	private final JobExecutor executor;

	private final Ports ports;

	private final Clock clock;

	/**
	 * A worker over the given executor and ports.
	 * @param executor runs each delivery
	 * @param ports where outcomes are settled
	 * @param clock the clock
	 */
	public JobWorker(JobExecutor executor, Ports ports, Clock clock) {
		this.executor = executor;
		this.ports = ports;
		this.clock = clock;
	}

	/**
	 * Runs one delivery on the calling thread and settles its outcome. A success or an expiry is
	 * settled when its record is stored, which the caller need not wait for: the record goes to
	 * the store's writer and the returned future completes once it is stored. A retry or a dead
	 * letter is settled before this method returns.
	 * @param inbound the delivery
	 * @return completes with how it ended once it is settled, or exceptionally if it could not be
	 * settled
	 */
	public CompletableFuture<Outcome> handle(InboundJob inbound) {
		Outcome outcome = this.executor.execute(inbound);
		try {
			CompletableFuture<Void> settled = settle(outcome, inbound);
			return settled.thenApply((stored) -> {
				observe(inbound, outcome);
				return outcome;
			});
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	private CompletableFuture<Void> settle(Outcome outcome, InboundJob inbound) {
		if (outcome instanceof Outcome.Succeeded succeeded) {
			return settle(succeeded, inbound);
		}
		if (outcome instanceof Outcome.Expired expired) {
			return settle(expired, inbound);
		}
		if (outcome instanceof Outcome.RetryScheduled retry) {
			settle(retry, inbound);
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
		return CompletableFuture.completedFuture(null);
	}

	private CompletableFuture<Void> settle(Outcome.Succeeded succeeded, InboundJob inbound) {
		JobEnvelope job = succeeded.envelope();
		return store(inbound, ResultRecord.of(job, inbound.queue(), JobStatus.SUCCESS)
			.startedAt(succeeded.startedAt())
			.finishedAt(this.clock.instant())
			.result(succeeded.value()));
	}

	private void settle(Outcome.RetryScheduled retry, InboundJob inbound) {
		JobEnvelope job = retry.envelope();
		Instant now = this.clock.instant();
		Duration delay = retry.delay();
		if (delay.compareTo(JobOptions.MAX_DELAY) > 0) {
			logger.warn("Retry delay " + delay + " of job " + job.id() + " is longer than the longest delay; using "
					+ JobOptions.MAX_DELAY);
			delay = JobOptions.MAX_DELAY;
		}
		Instant due = now.plus(delay);
		confirm(this.ports.retries().publish(job.nextAttempt(due, now)), job);
		JobError error = error(retry.error());
		logger.info("Job " + job.id() + " (task '" + job.task() + "') attempt " + job.attempt() + " failed with "
				+ error + "; attempt " + (job.attempt() + 1) + " at " + due);
		recordBestEffort(ResultRecord.of(job, inbound.queue(), JobStatus.RETRYING)
			.startedAt(retry.startedAt())
			.error(error)
			.nextAttemptAt(due));
	}

	private CompletableFuture<Void> settle(Outcome.Expired expired, InboundJob inbound) {
		JobEnvelope job = expired.envelope();
		logger.info("Job " + job.id() + " (task '" + job.task() + "') expired at " + job.expiresAt()
				+ " before a worker started it; not run");
		return store(inbound, ResultRecord.of(job, inbound.queue(), JobStatus.EXPIRED)
			.attempts(job.attempt() - 1)
			.finishedAt(this.clock.instant())
			.error(new JobError("EXPIRED", "expired at " + job.expiresAt() + " before a worker started it")));
	}

	private void settle(Outcome.DeadLettered dead, InboundJob inbound) {
		JobEnvelope job = dead.envelope();
		Instant now = this.clock.instant();
		JobError error = error(dead.error());
		int attempts = (job == null) ? 0 : (dead.startedAt() != null) ? job.attempt() : job.attempt() - 1;
		Instant firstFailedAt = (job != null && job.firstFailedAt() != null) ? job.firstFailedAt() : now;
		this.ports.deadLetters()
			.publish(new DeadLetter(dead.body(), dead.reason(), (job != null) ? job.id() : null,
					(job != null) ? job.task() : null, inbound.queue(), attempts, error.type(), error.message(),
					FailureText.stackTrace(cause(dead.error())), firstFailedAt, now));
		logger.warn("Dead-lettered " + describe(job) + " from queue '" + inbound.queue() + "' (reason: "
				+ dead.reason() + "): " + error);
		if (job == null) {
			return;
		}
		recordBestEffort(ResultRecord.of(job, inbound.queue(), JobStatus.FAILURE)
			.attempts(attempts)
			.startedAt(dead.startedAt())
			.finishedAt(now)
			.error(error));
		if (dead.reason().isTaskFailure()) {
			this.ports.failureListeners()
				.notify(new JobFailure(job.id(), job.task(), inbound.queue(), attempts, error,
						dead.reason(), now));
		}
	}

	private void confirm(CompletableFuture<Void> confirmation, JobEnvelope job) {
		try {
			confirmation.get(this.ports.confirmTimeout().toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Retry of job " + job.id() + " not confirmed by the broker", ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("Retry of job " + job.id() + " not confirmed within "
					+ this.ports.confirmTimeout(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while publishing the retry of job " + job.id(), ex);
		}
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

	/** A durable successor settles the delivery already: the record after it does not hold it up. */
	private void recordBestEffort(ResultRecord record) {
		this.ports.results().recordAsync(record).whenComplete((stored, error) -> {
			if (error != null) {
				logger.error("Job " + record.id() + " is settled in the broker but its " + record.status()
						+ " record could not be stored; its status will read as before", error);
			}
		});
	}

	private void observe(InboundJob inbound, Outcome outcome) {
		JobEnvelope job = outcome.envelope();
		Instant startedAt = outcome.startedAt();
		Duration ran = (startedAt != null) ? Duration.between(startedAt, this.clock.instant()) : Duration.ZERO;
		this.ports.observer().settled(inbound.queue(), (job != null) ? job.task() : null, outcome, ran);
	}

	/**
	 * The error to record: for {@code RetryJob.after(delay, cause)}, the cause, which says what
	 * went wrong; for an {@link Error} the task threw, that error; otherwise the exception
	 * itself.
	 */
	private static Throwable cause(Throwable error) {
		boolean wrapper = error instanceof RetryJob || error instanceof TaskError;
		return (wrapper && error.getCause() != null) ? error.getCause() : error;
	}

	private static JobError error(Throwable error) {
		Throwable cause = cause(error);
		return new JobError(cause.getClass().getName(), FailureText.message(cause));
	}

	private static String describe(JobEnvelope job) {
		return (job != null) ? "job " + job.id() + " (task '" + job.task() + "')" : "an unreadable message";
	}

	/**
	 * Where a worker settles outcomes.
	 *
	 * @param results the result store
	 * @param deadLetters the dead-letter publisher
	 * @param retries the publisher for next attempts
	 * @param confirmTimeout how long to wait for the broker to confirm a next attempt
	 * @param settleRetryPause how long to wait before storing a settling record again after the
	 * store failed
	 * @param failureListeners told of jobs that failed for good
	 * @param observer told of every settled delivery
	 */
	public record Ports(ResultStore results, DeadLetterPublisher deadLetters, JobPublisher retries,
			Duration confirmTimeout, Duration settleRetryPause, FailureListeners failureListeners,
			JobObserver observer) {
	}

}
