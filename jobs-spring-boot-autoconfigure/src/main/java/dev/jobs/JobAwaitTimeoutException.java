package dev.jobs;

import java.time.Duration;

/**
 * Thrown by {@link JobHandle#await} when the job has not finished within the timeout. The job
 * goes on; await it again or read its {@link JobHandle#status() status} later.
 */
public class JobAwaitTimeoutException extends JobsException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param jobId the job's id
	 * @param status the job's status when the wait ended
	 * @param timeout how long the caller waited
	 */
	public JobAwaitTimeoutException(String jobId, JobStatus status, Duration timeout) {
		super("Job " + jobId + " did not finish within " + timeout + " (status " + status + ")");
	}

}
