package dev.jobs.core.execution;

/**
 * What running one delivery produced: its outcome, and what the guards that admitted it left to
 * do before a success is recorded and once the outcome is settled.
 *
 * @param outcome how the delivery ended
 * @param onSuccess the guards' steps for a success, combined; run only if the outcome is one
 * @param afterRun the guards' after-run steps, combined
 */
public record Execution(Outcome outcome, OnSuccess onSuccess, AfterRun afterRun) {

	private static final Execution ABANDONED = new Execution(null, OnSuccess.NONE, AfterRun.NONE);

	/**
	 * What a run returns when its task came back after the engine abandoned it at its hard time
	 * limit: its attempt was settled then, and nothing is left to settle.
	 * @return the marker
	 */
	static Execution abandoned() {
		return ABANDONED;
	}

	/**
	 * Whether this is the {@linkplain #abandoned() marker of an abandoned run}.
	 * @return {@code true} if nothing is left to settle
	 */
	public boolean isAbandoned() {
		return this == ABANDONED;
	}

	/**
	 * An execution that ended before any guard admitted it.
	 * @param outcome how it ended
	 * @return the execution
	 */
	static Execution of(Outcome outcome) {
		return new Execution(outcome, OnSuccess.NONE, AfterRun.NONE);
	}

}
