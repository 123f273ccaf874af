package dev.jobs.actuate.metrics;

import dev.jobs.core.execution.Outcome;
import dev.jobs.FailureReason;

/**
 * The {@code outcome} tag of a settled delivery, shared by the meters and the endpoint's
 * totals.
 */
public final class OutcomeTags {

	/** The task returned. */
	public static final String SUCCESS = "success";

	/** The task failed and another attempt is scheduled. */
	public static final String RETRY = "retry";

	/** The task failed for good and the job was dead-lettered. */
	public static final String FAILURE = "failure";

	/**
	 * The job never ran as it is and was dead-lettered: malformed, unknown task, wrong
	 * arguments.
	 */
	public static final String DEAD = "dead";

	/** The job expired before a worker started it. */
	public static final String EXPIRED = "expired";

	private OutcomeTags() {
	}

	/**
	 * The tag of an outcome: a dead letter counts as a {@code failure} when the task itself
	 * failed, and as {@code dead} when the job could not run; every other outcome names its
	 * own tag.
	 * @param outcome the outcome
	 * @return the tag
	 */
	public static String of(Outcome outcome) {
		if (outcome instanceof Outcome.DeadLettered dead) {
			boolean taskFailed = dead.reason() == FailureReason.RETRIES_EXHAUSTED
					|| dead.reason() == FailureReason.NOT_RETRYABLE;
			return taskFailed ? FAILURE : DEAD;
		}
		return outcome.tag();
	}

}
