package dev.jobs;

/**
 * The error that ended a job attempt, as recorded by the worker that ran it.
 *
 * @param type fully qualified class name of the exception thrown on the worker, or a reason
 * such as {@code EXPIRED} when the worker did not run the job
 * @param message the exception's message, capped in length; may be empty
 */
public record JobError(String type, String message) {

	@Override
	public String toString() {
		return this.message.isEmpty() ? this.type : this.type + ": " + this.message;
	}

}
