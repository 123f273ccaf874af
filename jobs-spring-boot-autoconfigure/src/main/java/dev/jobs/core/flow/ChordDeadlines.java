package dev.jobs.core.flow;

import dev.jobs.BackgroundTask;

/**
 * The engine's own task that checks a chord's deadline: a job of it is published, delayed by the
 * deadline through the broker's delay levels, when a workflow with such a chord is submitted, so
 * the check is as durable as any job and needs no timer in any instance.
 */
public class ChordDeadlines {

	/** The task's name. */
	public static final String TASK = "jobs.chord-deadline";

	private final FlowCoordinator coordinator;

	/**
	 * Creates the handler of chord deadlines.
	 * @param coordinator the workflow coordinator
	 */
	public ChordDeadlines(FlowCoordinator coordinator) {
		this.coordinator = coordinator;
	}

	/**
	 * Checks the deadline of one chord.
	 * @param workflowId the workflow
	 * @param chord the chord's node in its plan
	 */
	@BackgroundTask(name = TASK)
	public void check(String workflowId, int chord) {
		this.coordinator.deadlinePassed(workflowId, chord);
	}

}
