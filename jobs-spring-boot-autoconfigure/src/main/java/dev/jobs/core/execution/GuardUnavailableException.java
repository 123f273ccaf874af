package dev.jobs.core.execution;

/**
 * A {@link JobGuard} could not decide whether a job may run, because its store cannot be
 * reached. The job did not run; the worker holds the delivery and asks the guards again after
 * a pause, so a guarded job never runs unguarded and an outage does not use up the queue's
 * delivery limit.
 */
public class GuardUnavailableException extends RuntimeException {

	/**
	 * A guard that could not decide.
	 * @param message what could not be decided, naming the guard and the job
	 * @param cause why
	 */
	public GuardUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
