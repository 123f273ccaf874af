package dev.jobs.core.execution;

/**
 * What running one delivery produced: its outcome, and what the guards that admitted it left to
 * do once that outcome is settled.
 *
 * @param outcome how the delivery ended
 * @param afterRun the guards' after-run steps, combined
 */
public record Execution(Outcome outcome, AfterRun afterRun) {

	/**
	 * An execution that ended before any guard admitted it.
	 * @param outcome how it ended
	 * @return the execution
	 */
	static Execution of(Outcome outcome) {
		return new Execution(outcome, AfterRun.NONE);
	}

}
