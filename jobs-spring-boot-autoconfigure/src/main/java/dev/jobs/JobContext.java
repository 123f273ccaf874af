package dev.jobs;

import java.time.Instant;

import dev.jobs.workflow.BatchJobs;

/**
 * The job the current thread is running, for code inside a {@link BackgroundTask} method:
 * {@code JobContext.current().attempt()}. While a job runs, its id, task, attempt and queue are
 * also in the logging MDC, under the {@code MDC_*} keys below, so that every line it logs names
 * it; they are removed when the run ends.
 *
 * @param jobId the job id
 * @param task the task name
 * @param queue the queue the job was delivered from
 * @param attempt the attempt number, 1 for the first run
 * @param enqueuedAt when the job was first enqueued
 * @param services what the worker lends the running job: its progress record and its batch
 */
public record JobContext(String jobId, String task, String queue, int attempt, Instant enqueuedAt,
		Services services) {

	/** The logging MDC key of the running job's id, for {@code %X{jobId}} in a log pattern. */
	public static final String MDC_JOB_ID = "jobId";

	/** The logging MDC key of the running job's task name. */
	public static final String MDC_TASK = "jobTask";

	/** The logging MDC key of the running job's attempt number, 1 for the first run. */
	public static final String MDC_ATTEMPT = "jobAttempt";

	/** The logging MDC key of the queue the running job was delivered from. */
	public static final String MDC_QUEUE = "jobQueue";

	private static final ThreadLocal<JobContext> CURRENT = new ThreadLocal<>();

	/**
	 * Creates a {@code JobContext}, checking its components.
	 * @param jobId the job id
	 * @param task the task name
	 * @param queue the queue the job was delivered from
	 * @param attempt the attempt number, 1 for the first run
	 * @param enqueuedAt when the job was first enqueued
	 * @param services what the worker lends the running job: its progress record and its batch
	 */
	public JobContext {
		services = (services != null) ? services : Services.NONE;
	}

	/**
	 * A context without progress records or a batch, for tests of code that reads it.
	 * @param jobId the job id
	 * @param task the task name
	 * @param queue the queue
	 * @param attempt the attempt
	 * @param enqueuedAt when the job was enqueued
	 */
	public JobContext(String jobId, String task, String queue, int attempt, Instant enqueuedAt) {
		this(jobId, task, queue, attempt, enqueuedAt, Services.NONE);
	}

	/**
	 * The context of the job running on this thread.
	 * @return the current job's context
	 * @throws IllegalStateException if this thread is not running a job
	 */
	public static JobContext current() {
		JobContext context = CURRENT.get();
		if (context == null) {
			throw new IllegalStateException("No job is running on thread '" + Thread.currentThread().getName()
					+ "'; JobContext.current() works only inside a @BackgroundTask method run by a worker");
		}
		return context;
	}

	/**
	 * Whether this thread is running a job.
	 * @return {@code true} inside a job
	 */
	public static boolean isActive() {
		return CURRENT.get() != null;
	}

	/**
	 * Reports how far the job has come, for {@code JobHandle.snapshot().progress()} and Actuator.
	 * Cheap enough for a tight loop: the worker stores at most a few reports a second (the
	 * latest wins) and the last one when the job ends.
	 * @param done how much is done
	 * @param total how much there is
	 * @param message what the job is doing, or {@code null}
	 */
	public void progress(long done, long total, String message) {
		this.services.progress(new Progress(done, total, message));
	}

	/**
	 * Stops the task if the worker asked it to: throws {@link JobCancelledException} in a job
	 * that was cancelled, {@link JobTimeoutException} in one past its time limit, and does nothing
	 * otherwise. For long loops that do not block (a blocking call sees the worker's interrupt as
	 * an {@code InterruptedException} already): call it every so often, as one would check
	 * {@code Thread.interrupted()}.
	 */
	public void checkpoint() {
		this.services.checkpoint();
	}

	/**
	 * The batch this job belongs to, to add more jobs to it.
	 * @return the batch
	 * @throws IllegalStateException if the job belongs to no batch
	 */
	public BatchJobs batch() {
		BatchJobs batch = this.services.batch();
		if (batch == null) {
			throw new IllegalStateException("Job " + this.jobId + " (task '" + this.task + "') belongs to no batch;"
					+ " JobContext.batch() works in jobs added through jobs.batch(...)");
		}
		return batch;
	}

	/**
	 * Makes this context current until the returned scope is closed. Used by the worker around
	 * each job; applications do not call it.
	 * @return the scope to close when the job ends
	 */
	public Scope open() {
		JobContext previous = CURRENT.get();
		CURRENT.set(this);
		return () -> {
			if (previous == null) {
				CURRENT.remove();
			}
			else {
				CURRENT.set(previous);
			}
		};
	}

	/**
	 * The span during which a {@link JobContext} is current.
	 */
	@FunctionalInterface
	public interface Scope extends AutoCloseable {

		@Override
		void close();

	}

	/**
	 * What the worker lends a running job. Applications do not implement it.
	 */
	public interface Services {

		/** Progress goes nowhere, and there is no batch. */
		Services NONE = new Services() {
			@Override
			public void progress(Progress progress) {
			}

			@Override
			public BatchJobs batch() {
				return null;
			}
		};

		/**
		 * Takes a progress report.
		 * @param progress the report
		 */
		void progress(Progress progress);

		/**
		 * The job's batch.
		 * @return the batch, or {@code null} if the job belongs to none
		 */
		BatchJobs batch();

		/**
		 * Throws if the worker asked the job to stop; see {@link JobContext#checkpoint()}.
		 */
		default void checkpoint() {
		}

	}

}
