package dev.jobs.core.flow;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.jobs.Progress;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.execution.JobServices;
import dev.jobs.core.port.ResultStore;
import dev.jobs.workflow.BatchJobs;
import dev.jobs.workflow.Signature;

/**
 * What a worker lends each running job: progress reports stored at most once per
 * {@code interval} (a tight loop that reports every item costs a few writes a second, the latest
 * report winning, and the last one is stored when the task returns), and, for a job of a batch,
 * the batch to add jobs to.
 */
public final class WorkerServices implements JobServices {

	private static final Log logger = LogFactory.getLog(WorkerServices.class);

	private final ResultStore results;

	private final BatchCoordinator batches;

	private final Duration interval;

	private final LongSupplier nanoTime;

	/**
	 * Creates the services.
	 * @param results the result store
	 * @param batches the batch coordinator
	 * @param interval the least time between two progress writes of a job
	 * @param nanoTime the monotonic clock
	 */
	public WorkerServices(ResultStore results, BatchCoordinator batches, Duration interval, LongSupplier nanoTime) {
		this.results = results;
		this.batches = batches;
		this.interval = interval;
		this.nanoTime = nanoTime;
	}

	@Override
	public Lent lend(JobEnvelope envelope) {
		return new Run(envelope);
	}

	private final class Run implements Lent, BatchJobs {

		private final JobEnvelope job;

		private final AtomicInteger added = new AtomicInteger();

		private long storedAt;

		private boolean storedOnce;

		private Progress unstored;

		Run(JobEnvelope job) {
			this.job = job;
		}

		@Override
		public synchronized void progress(Progress progress) {
			long now = WorkerServices.this.nanoTime.getAsLong();
			if (this.storedOnce && now - this.storedAt < WorkerServices.this.interval.toNanos()) {
				this.unstored = progress;
				return;
			}
			this.storedOnce = true;
			this.storedAt = now;
			this.unstored = null;
			store(progress);
		}

		private void store(Progress progress) {
			try {
				WorkerServices.this.results.recordProgress(this.job.id(), progress);
			}
			catch (RuntimeException ex) {
				// A report is a hint: the job must not fail because Redis missed one.
				logger.debug("Progress of job " + this.job.id() + " not stored: " + ex.getMessage());
			}
		}

		@Override
		public BatchJobs batch() {
			return (this.job.keys().membership().batch() != null) ? this : null;
		}

		@Override
		public String id() {
			return this.job.keys().membership().batch();
		}

		@Override
		public String add(Signature<?> member) {
			return WorkerServices.this.batches.add(id(), this.job, this.added.getAndIncrement(), member);
		}

		@Override
		public synchronized void close() {
			if (this.unstored != null) {
				store(this.unstored);
				this.unstored = null;
			}
		}

	}

}
