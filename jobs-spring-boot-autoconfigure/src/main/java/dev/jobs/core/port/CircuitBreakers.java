package dev.jobs.core.port;

import java.time.Duration;

/**
 * The circuit breakers of tasks, shared by every instance: each decision is one atomic step in
 * the store, so that two workers never disagree on whether a task's breaker is open.
 */
public interface CircuitBreakers {

	/**
	 * Asks whether a job of the task may run now.
	 * @param task the task
	 * @param settings its breaker
	 * @return the decision
	 */
	Pass admit(String task, BreakerSettings settings);

	/**
	 * Counts how an attempt that the breaker let run ended, and moves the breaker on.
	 * @param task the task
	 * @param settings its breaker
	 * @param pass the decision that let it run
	 * @param result how it ended
	 * @return the breaker's state after it
	 */
	BreakerState record(String task, BreakerSettings settings, Pass pass, AttemptResult result);

	/**
	 * The state of a task's breaker.
	 * @param task the task
	 * @return its state; {@link BreakerState#CLOSED} for a breaker that never opened
	 */
	BreakerState state(String task);

	/**
	 * Opens a breaker until it is closed by hand, or closes it and forgets its attempts.
	 * @param task the task
	 * @param open {@code true} to open it, {@code false} to close it
	 */
	void force(String task, boolean open);

	/**
	 * How an attempt ended, as a breaker counts it.
	 */
	enum AttemptResult {

		/** The task returned. */
		SUCCESS,

		/** The task failed (a retry, a failure for good, a timeout). */
		FAILURE,

		/** The attempt did not end in the task's own success or failure (given back, cancelled). */
		NEITHER

	}

	/**
	 * Whether a job may run.
	 * @param run whether it may run now
	 * @param probe whether it runs as one of the probes of a half-open breaker
	 * @param retryAfter if it may not, how long to put it off
	 */
	record Pass(boolean run, boolean probe, Duration retryAfter) {

		/** Run, the breaker is closed. */
		public static final Pass CLOSED = new Pass(true, false, Duration.ZERO);

	}

}
