package dev.jobs;

/**
 * Thrown by {@link JobContext#checkpoint()} in a job that was cancelled while it ran
 * ({@code jobs.cancel(id)}): the worker interrupted its thread, and the job ends
 * {@link JobStatus#CANCELLED} without another attempt, whatever the task does with this.
 */
public class JobCancelledException extends JobsException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param jobId the job's id
	 */
	public JobCancelledException(String jobId) {
		super("Job " + jobId + " was cancelled while it ran");
	}

}
