package dev.jobs;

/**
 * Thrown by {@link JobHandle#await} when the job ended without a result: it failed for good
 * or expired. {@link #getError()} carries the class and message of the worker's exception.
 */
public class JobFailedException extends JobsException {

	private static final long serialVersionUID = 1L;

	/** Id of the job that failed. */
	private final String jobId;

	/** Status the job ended with. */
	private final JobStatus status;

	private final transient JobError error;

	/**
	 * Creates the exception.
	 * @param jobId the job's id
	 * @param status the status the job ended with
	 * @param error the remote error, or {@code null}
	 */
	public JobFailedException(String jobId, JobStatus status, JobError error) {
		super("Job " + jobId + " ended " + status + (error != null ? ": " + error : ""));
		this.jobId = jobId;
		this.status = status;
		this.error = error;
	}

	/**
	 * The id of the job that failed.
	 * @return the job id
	 */
	public String getJobId() {
		return this.jobId;
	}

	/**
	 * How the job ended: {@link JobStatus#FAILURE} or {@link JobStatus#EXPIRED}.
	 * @return the terminal status
	 */
	public JobStatus getStatus() {
		return this.status;
	}

	/**
	 * The error the worker recorded: the remote exception's class name and message.
	 * @return the error, or {@code null} if none was recorded
	 */
	public JobError getError() {
		return this.error;
	}

}
