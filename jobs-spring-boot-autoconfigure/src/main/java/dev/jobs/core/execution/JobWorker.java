package dev.jobs.core.execution;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

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
 * <li>the {@link Continuation} moves on the workflow or batch the job belongs to;</li>
 * <li>the observers hear of it, and the broker adapter acknowledges the delivery as its
 * {@linkplain dev.jobs.core.port.OutcomeKind#acknowledgement() kind} says: acknowledged, or
 * given back.</li>
 * </ol>
 * While a guard cannot reach its store, the delivery is held and the guards are asked again. If
 * the settlement completes exceptionally (the delivery was taken back before its outcome was
 * durable), the delivery must not be acknowledged: it is redelivered and nothing is lost.
 *
 * <p>A run abandoned at its hard time limit is settled from another thread while its own thread
 * is still stuck in the task: the returned future may complete before this method returns, and
 * the delivery's {@link InboundJob#abandonment() abandonment} hears of it as soon as it begins.
 */
public final class JobWorker {

	private static final Log logger = LogFactory.getLog(JobWorker.class);

	private final JobExecutor executor;

	private final OutcomeSettlement settlement;

	private final JobObserver observer;

	private final DeliveryHold hold;

	private final Clock clock;

	private final Continuation continuation;

	/**
	 * A worker over the given executor and ports, for jobs outside workflows and batches.
	 * @param executor runs each delivery
	 * @param ports where outcomes are settled
	 * @param clock the clock
	 */
	public JobWorker(JobExecutor executor, Ports ports, Clock clock) {
		this(executor, ports, clock, Continuation.NONE);
	}

	/**
	 * A worker over the given executor and ports.
	 * @param executor runs each delivery
	 * @param ports where outcomes are settled
	 * @param clock the clock
	 * @param continuation moves on the workflow or batch of each job that ends
	 */
	public JobWorker(JobExecutor executor, Ports ports, Clock clock, Continuation continuation) {
		this.executor = executor;
		this.continuation = continuation;
		this.hold = new DeliveryHold(ports.settleRetryPause());
		this.settlement = new OutcomeSettlement(ports, this.hold, clock);
		// Through the composite, so that an observer that throws cannot unsettle a delivery.
		this.observer = JobObserver.all(List.of(ports.observer()));
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
		CompletableFuture<Outcome> settled = new CompletableFuture<>();
		try {
			Execution execution = executeWhenGuardsCanDecide(inbound,
					(abandoned) -> settleAbandoned(inbound, abandoned, settled));
			if (!execution.isAbandoned()) {
				completeWith(settle(inbound, execution), settled);
			}
		}
		catch (RuntimeException ex) {
			settled.completeExceptionally(ex);
		}
		return settled;
	}

	private CompletableFuture<Outcome> settle(InboundJob inbound, Execution execution) {
		Outcome outcome = execution.outcome();
		Duration ran = ranFor(outcome);
		if (outcome instanceof Outcome.Succeeded succeeded) {
			runOnSuccess(inbound, execution, succeeded);
		}
		return this.settlement.settle(outcome, inbound)
			.thenCompose((settled) -> afterRun(execution))
			.thenCompose((done) -> continueAfter(outcome))
			.thenApply((done) -> {
				observe(inbound, outcome, ran);
				return outcome;
			});
	}

	/**
	 * Settles the attempt of a run abandoned at its hard time limit on a thread of its own: the
	 * timer's thread serves every other job's limits, and a settlement may wait out an outage. The
	 * broker adapter hears of it first, to free the stuck thread's slot once it is settled.
	 */
	private void settleAbandoned(InboundJob inbound, Execution abandoned, CompletableFuture<Outcome> settled) {
		inbound.abandonment().abandoned(settled);
		Thread settler = new Thread(() -> {
			try {
				completeWith(settle(inbound, abandoned), settled);
			}
			catch (RuntimeException ex) {
				settled.completeExceptionally(ex);
			}
		}, "jobs-abandoned-settler");
		settler.setDaemon(true);
		settler.start();
	}

	private static void completeWith(CompletableFuture<Outcome> source, CompletableFuture<Outcome> target) {
		source.whenComplete((outcome, error) -> {
			if (error != null) {
				target.completeExceptionally(error);
			}
			else {
				target.complete(outcome);
			}
		});
	}

	/**
	 * Runs the delivery; while a guard cannot reach its store, the delivery is held and the guards
	 * are asked again after a pause, on this thread, so the consumer starts nothing else meanwhile
	 * and the broker's delivery limit is not used up by an outage.
	 */
	private Execution executeWhenGuardsCanDecide(InboundJob inbound, Consumer<Execution> onAbandoned) {
		return this.hold.retry(inbound, GuardUnavailableException.class,
				() -> this.executor.execute(inbound, onAbandoned));
	}

	/**
	 * The guards' steps for a success, before it is recorded, on this thread: the consumer takes
	 * no other job until they are done. While one is refused the delivery is held; if it is no
	 * longer held, the after-run steps still run (renewals end, claims are released) and the
	 * delivery is given back.
	 */
	private void runOnSuccess(InboundJob inbound, Execution execution, Outcome.Succeeded succeeded) {
		try {
			this.hold.retry(inbound, RuntimeException.class, () -> {
				execution.onSuccess().beforeRecorded(succeeded);
				return null;
			});
		}
		catch (RuntimeException ex) {
			afterRun(new Execution(new Outcome.GivenBack(succeeded.envelope(), succeeded.startedAt()), OnSuccess.NONE,
					execution.afterRun()));
			throw ex;
		}
	}

	/**
	 * The guards' after-run steps. The outcome is durable by now, so a step that fails is logged
	 * and the delivery is still acknowledged: giving it back would run the job again, or publish
	 * its successor twice. A step whose effect must not be lost retries inside itself.
	 */
	private CompletableFuture<Void> afterRun(Execution execution) {
		CompletableFuture<Void> steps;
		try {
			steps = execution.afterRun().afterSettled(execution.outcome());
		}
		catch (RuntimeException ex) {
			steps = CompletableFuture.failedFuture(ex);
		}
		return steps.exceptionally((error) -> {
			logger.error("An after-run step of job " + describe(execution.outcome()) + " failed; the job's outcome"
					+ " stands", error);
			return null;
		});
	}

	private CompletableFuture<Void> continueAfter(Outcome outcome) {
		CompletableFuture<Void> continued;
		try {
			continued = this.continuation.continueAfter(outcome);
		}
		catch (RuntimeException ex) {
			continued = CompletableFuture.failedFuture(ex);
		}
		return continued.exceptionally((error) -> {
			logger.error("The workflow or batch of job " + describe(outcome) + " could not be moved on; it goes on"
					+ " only if the job is delivered again", error);
			return null;
		});
	}

	private Duration ranFor(Outcome outcome) {
		Instant startedAt = outcome.startedAt();
		return (startedAt != null) ? Duration.between(startedAt, this.clock.instant()) : Duration.ZERO;
	}

	private void observe(InboundJob inbound, Outcome outcome, Duration ran) {
		JobEnvelope job = outcome.envelope();
		this.observer.settled(new SettledDelivery(inbound.queue(), (job != null) ? job.id() : null,
				(job != null) ? job.task() : null, outcome.kind(), outcome.reason(), ran));
	}

	private static String describe(Outcome outcome) {
		JobEnvelope job = outcome.envelope();
		return (job != null) ? job.id() + " (task '" + job.task() + "')" : "an unreadable message";
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
