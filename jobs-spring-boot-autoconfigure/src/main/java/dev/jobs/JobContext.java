package dev.jobs;

import java.time.Instant;

/**
 * The job the current thread is running, for code inside a {@link BackgroundTask} method:
 * {@code JobContext.current().attempt()}.
 *
 * @param jobId the job id
 * @param task the task name
 * @param queue the queue the job was delivered from
 * @param attempt the attempt number, 1 for the first run
 * @param enqueuedAt when the job was first enqueued
 */
public record JobContext(String jobId, String task, String queue, int attempt, Instant enqueuedAt) {

	private static final ThreadLocal<JobContext> CURRENT = new ThreadLocal<>();

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

}
