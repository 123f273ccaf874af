package dev.jobs.core.execution;

/**
 * Why the engine interrupted a running job, so that the interrupt's end is settled for what it
 * was and not mistaken for another cause. Time limits and cancellation add their causes here.
 */
public enum InterruptCause {

	/**
	 * The worker is stopping and the job did not finish within the shutdown timeout: the
	 * attempt does not count and the delivery is given back.
	 */
	SHUTDOWN,

	/**
	 * The job ran past its task's time limit: the attempt fails with a
	 * {@link dev.jobs.JobTimeoutException}, which its retry policy retries or not.
	 */
	TIMEOUT,

	/**
	 * The job was cancelled while it ran: it ends {@code CANCELLED}, without another attempt.
	 */
	CANCELLED

}
