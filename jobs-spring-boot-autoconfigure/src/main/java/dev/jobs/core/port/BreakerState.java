package dev.jobs.core.port;

/** The state of a task's circuit breaker, the same on every instance. */
public enum BreakerState {

	/** The task's jobs run; their attempts count towards the failure rate. */
	CLOSED,

	/** The task's jobs are put off, no attempt spent, until the open duration has passed. */
	OPEN,

	/** A few probe jobs run; the others are put off until the probes decide. */
	HALF_OPEN,

	/** Opened by an operator: the task's jobs are put off until an operator closes it. */
	FORCED_OPEN;

	/**
	 * Whether jobs of the task are being put off (open, or half-open for all but the probes).
	 * @return {@code true} unless closed
	 */
	public boolean isOpen() {
		return this != CLOSED;
	}

}
