package dev.jobs.core.execution;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.port.DeadLetterPublisher;
import dev.jobs.core.port.JobObserver;
import dev.jobs.core.port.JobPublisher;
import dev.jobs.core.port.ResultStore;
import dev.jobs.core.port.SettledDelivery;

/**
 * The life of one delivery on a worker, up to the moment it may be acknowledged:
 * <ol>
 * <li>the {@link JobExecutor} decodes it, runs its guards and its task, and says how it
 * ended;</li>
 * <li>the {@link OutcomeSettlement} settles that outcome in the step of its kind: a record
 * stored, a successor (the next attempt, the dead letter) confirmed by the broker;</li>
 * <li>the after-run steps the guards left run;</li>
 * <li>the observers hear of it, and the broker adapter acknowledges the delivery as its
 * {@linkplain dev.jobs.core.port.OutcomeKind#acknowledgement() kind} says: acknowledged, or
 * given back.</li>
 * </ol>
 * If the settlement completes exceptionally (a guard's store was unreachable, or the delivery
 * was taken back before its outcome was durable), the delivery must not be acknowledged: it is
 * redelivered and nothing is lost.
 */
public final class JobWorker {

	private final JobExecutor executor;

	private final OutcomeSettlement settlement;

	private final JobObserver observer;

	private final Clock clock;

	/**
	 * A worker over the given executor and ports.
	 * @param executor runs each delivery
	 * @param ports where outcomes are settled
	 * @param clock the clock
	 */
	public JobWorker(JobExecutor executor, Ports ports, Clock clock) {
		this.executor = executor;
		this.settlement = new OutcomeSettlement(ports, clock);
		this.observer = ports.observer();
		this.clock = clock;
	}

	/**
	 * Runs one delivery on the calling thread and settles its outcome. A success or an expiry is
	 * settled when its record is stored, which the caller need not wait for: the record goes to
	 * the store's writer and the returned future completes once it is stored. A retry or a dead
	 * letter is confirmed by the broker before this method returns.
	 * @param inbound the delivery
	 * @return completes with how it ended once it is settled, or exceptionally if it could not be
	 * settled
	 */
	public CompletableFuture<Outcome> handle(InboundJob inbound) {
		try {
			Execution execution = this.executor.execute(inbound);
			Outcome outcome = execution.outcome();
			return this.settlement.settle(outcome, inbound)
				.thenCompose((settled) -> execution.afterRun().afterSettled(outcome))
				.thenApply((done) -> {
					observe(inbound, outcome);
					return outcome;
				});
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	private void observe(InboundJob inbound, Outcome outcome) {
		JobEnvelope job = outcome.envelope();
		Instant startedAt = outcome.startedAt();
		Duration ran = (startedAt != null) ? Duration.between(startedAt, this.clock.instant()) : Duration.ZERO;
		this.observer.settled(new SettledDelivery(inbound.queue(), (job != null) ? job.id() : null,
				(job != null) ? job.task() : null, outcome.kind(), outcome.reason(), ran));
	}

	/**
	 * Where a worker settles outcomes.
	 *
	 * @param results the result store
	 * @param deadLetters the dead-letter publisher
	 * @param retries the publisher for next attempts
	 * @param confirmTimeout how long to wait for the broker to confirm a successor
	 * @param settleRetryPause how long to wait before storing a record or publishing a successor
	 * again after the store or the broker refused it
	 * @param failureListeners told of jobs that failed for good
	 * @param observer told of every settled delivery
	 */
	public record Ports(ResultStore results, DeadLetterPublisher deadLetters, JobPublisher retries,
			Duration confirmTimeout, Duration settleRetryPause, FailureListeners failureListeners,
			JobObserver observer) {
	}

}
