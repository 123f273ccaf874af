package dev.jobs.core.flow;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.jobs.JobError;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.envelope.Membership;
import dev.jobs.core.execution.Continuation;
import dev.jobs.core.execution.Outcome;
import dev.jobs.core.execution.TaskErrors;
import tools.jackson.databind.JsonNode;

/**
 * Tells the workflow and the batch of a job how it ended, for every outcome handled by kind (a
 * new outcome fails to compile here until it is): a success, a deduplicated success or a skip
 * moves them on; a failure for good, a refused message or an expiry fails the step; a retry, a
 * deferral or a give-back changes nothing yet.
 *
 * <p>The work runs on threads of its own, never on the thread that completed the settlement (the
 * result writer's), and is tried again every {@value #PAUSE_SECONDS} s while Redis or the broker
 * refuse it, up to {@value #ATTEMPTS} times: the delivery stays unacknowledged meanwhile.
 */
public final class FlowContinuation implements Continuation, AutoCloseable {

	private static final Log logger = LogFactory.getLog(FlowContinuation.class);

	static final int PAUSE_SECONDS = 1;

	static final int ATTEMPTS = 30;

	static final int THREADS = 8;

	private final FlowCoordinator workflows;

	private final BatchCoordinator batches;

	/**
	 * Enough threads for the moves of many deliveries at once, each mostly waiting for Redis or a
	 * confirm; a fixed number, so that a burst of steps ending (a chord's header) queues here
	 * instead of starting a thread each.
	 */
	private final ExecutorService executor = Executors.newFixedThreadPool(THREADS, new Named());

	/**
	 * Creates the continuation.
	 * @param workflows the workflow coordinator
	 * @param batches the batch coordinator
	 */
	public FlowContinuation(FlowCoordinator workflows, BatchCoordinator batches) {
		this.workflows = workflows;
		this.batches = batches;
	}

	@Override
	public CompletableFuture<Void> continueAfter(Outcome outcome) {
		JobEnvelope job = outcome.envelope();
		if (job == null || !job.keys().membership().isAny()) {
			return CompletableFuture.completedFuture(null);
		}
		Runnable step = outcome.accept(new Ended());
		if (step == null) {
			return CompletableFuture.completedFuture(null);
		}
		return CompletableFuture.runAsync(() -> tryRepeatedly(job, step), this.executor);
	}

	private void tryRepeatedly(JobEnvelope job, Runnable step) {
		for (int attempt = 1;; attempt++) {
			try {
				step.run();
				return;
			}
			catch (RuntimeException ex) {
				if (attempt == ATTEMPTS) {
					throw ex;
				}
				logger.warn("The workflow or batch of job " + job.id() + " could not be moved on (" + ex.getMessage()
						+ "); trying again in " + PAUSE_SECONDS + " s");
				sleep(Duration.ofSeconds(PAUSE_SECONDS));
			}
		}
	}

	private static void sleep(Duration pause) {
		try {
			Thread.sleep(pause.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.executor.shutdown();
		this.executor.awaitTermination(5, TimeUnit.SECONDS);
	}

	private Runnable succeeded(JobEnvelope job, JsonNode value) {
		Membership membership = job.keys().membership();
		return () -> {
			if (membership.workflow() != null) {
				this.workflows.stepSucceeded(job, value);
			}
			if (membership.batch() != null) {
				this.batches.memberEnded(job, true);
			}
		};
	}

	private Runnable failed(JobEnvelope job, JobError error) {
		Membership membership = job.keys().membership();
		return () -> {
			if (membership.workflow() != null) {
				this.workflows.stepFailed(job, error);
			}
			if (membership.batch() != null) {
				this.batches.memberEnded(job, false);
			}
		};
	}

	private static JobError errorOf(Throwable thrown) {
		return TaskErrors.of(thrown);
	}

	/** What each outcome does to a workflow or batch; {@code null} for nothing yet. */
	private final class Ended implements Outcome.Visitor<Runnable> {

		@Override
		public Runnable succeeded(Outcome.Succeeded outcome) {
			return FlowContinuation.this.succeeded(outcome.envelope(), outcome.value());
		}

		@Override
		public Runnable retryScheduled(Outcome.RetryScheduled outcome) {
			return null;
		}

		@Override
		public Runnable failed(Outcome.Failed outcome) {
			return FlowContinuation.this.failed(outcome.envelope(), errorOf(outcome.error()));
		}

		@Override
		public Runnable rejected(Outcome.Rejected outcome) {
			return FlowContinuation.this.failed(outcome.envelope(), errorOf(outcome.error()));
		}

		@Override
		public Runnable expired(Outcome.Expired outcome) {
			return FlowContinuation.this.failed(outcome.envelope(),
					new JobError("EXPIRED", "expired at " + outcome.envelope().expiresAt() + " before a worker started it"));
		}

		@Override
		public Runnable deferred(Outcome.Deferred outcome) {
			return null;
		}

		@Override
		public Runnable skipped(Outcome.Skipped outcome) {
			return FlowContinuation.this.succeeded(outcome.envelope(), null);
		}

		@Override
		public Runnable cancelled(Outcome.Cancelled outcome) {
			return FlowContinuation.this.failed(outcome.envelope(), new JobError("CANCELLED", "the job was cancelled"));
		}

		@Override
		public Runnable deduplicated(Outcome.Deduplicated outcome) {
			return FlowContinuation.this.succeeded(outcome.envelope(), outcome.value());
		}

		@Override
		public Runnable givenBack(Outcome.GivenBack outcome) {
			return null;
		}

	}

	private static final class Named implements ThreadFactory {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public Thread newThread(Runnable task) {
			Thread thread = new Thread(task, "jobs-flow-" + this.count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}

	}

}
