package dev.jobs.core.port;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Keeps the state of workflows: one record per workflow holding its plan, each step's result,
 * one completion count per join and its status, every change atomic ({@code docs/protocol.md},
 * "Workflow state"). Each change refreshes the record's time to live.
 */
public interface FlowStore {

	/**
	 * Stores a new workflow's plan, unless a workflow of that id exists.
	 * @param workflowId the id
	 * @param plan the plan, JSON
	 * @param steps how many steps it has
	 * @param ttl how long the state is kept after its last change
	 * @return {@code true} if it was stored
	 */
	boolean start(String workflowId, String plan, int steps, Duration ttl);

	/**
	 * The plan of a workflow.
	 * @param workflowId the id
	 * @return the plan's JSON, or {@code null} if the workflow's state is gone
	 */
	String plan(String workflowId);

	/**
	 * Records a step's success, once per step however often it is told, and counts it in each of
	 * its joins.
	 * @param workflowId the workflow
	 * @param step the step
	 * @param result its result
	 * @param joins the joins to count it in, each with how many steps complete it
	 * @param root the root node, whose completion ends the workflow
	 * @param revive whether a workflow this very step failed may go on
	 * @param ttl the time to live
	 * @return what the workflow does next
	 */
	StepSucceeded stepSucceeded(String workflowId, int step, JsonNode result, List<int[]> joins, int root,
			boolean revive, Duration ttl);

	/**
	 * Records that a step failed for good: the workflow fails, unless it has already.
	 * @param workflowId the workflow
	 * @param step the step
	 * @param failure why, JSON ({@code WorkflowFailure})
	 * @param ttl the time to live
	 * @return whether the workflow failed now, was failed by this step before, or by another
	 */
	FailedBy stepFailed(String workflowId, int step, String failure, Duration ttl);

	/**
	 * Checks a chord's deadline: if its header is not complete, fails the workflow, or with
	 * {@code partial} marks the header complete.
	 * @param workflowId the workflow
	 * @param header the chord's header node
	 * @param required how many steps complete it
	 * @param partial whether to let the callback run with what there is
	 * @param failure the failure to record, JSON
	 * @param ttl the time to live
	 * @return what happened
	 */
	DeadlineCheck deadline(String workflowId, int header, int required, boolean partial, String failure,
			Duration ttl);

	/**
	 * The recorded results of some steps.
	 * @param workflowId the workflow
	 * @param steps the steps
	 * @return the results by step; a step without one is absent
	 */
	Map<Integer, JsonNode> results(String workflowId, List<Integer> steps);

	/**
	 * A workflow's state.
	 * @param workflowId the id
	 * @return its state, or {@code null} if it is gone
	 */
	FlowState state(String workflowId);

	/**
	 * What a step's success leads to.
	 *
	 * @param gone whether the workflow's state is gone (expired)
	 * @param failed whether the workflow has failed, so nothing starts
	 * @param run the workflow's run: 1, one more for each revival
	 * @param ready the joins that are complete now (or were already, for a step told again)
	 */
	record StepSucceeded(boolean gone, boolean failed, int run, List<Integer> ready) {
	}

	/** Who failed a workflow. */
	enum FailedBy {

		/** This step, now: its error callbacks run. */
		THIS_STEP,

		/** This step, before: its error callbacks are published again, which runs them once. */
		THIS_STEP_BEFORE,

		/** Another step or a deadline, or the workflow succeeded: nothing to do. */
		OTHER,

		/** The workflow's state is gone. */
		GONE

	}

	/** What a chord's deadline check did. */
	enum DeadlineCheck {

		/** The header was complete in time, or the workflow has ended. */
		MET,

		/** The header was marked complete with what there is: the callback starts. */
		PARTIAL,

		/** The workflow failed now. */
		FAILED

	}

	/**
	 * A workflow's state.
	 *
	 * @param status {@code RUNNING}, {@code SUCCESS} or {@code FAILURE}
	 * @param done how many steps have ended
	 * @param total how many steps there are
	 * @param failure the failure, JSON, or {@code null}
	 * @param run 1, one more for each revival
	 */
	record FlowState(String status, long done, long total, String failure, int run) {
	}

}
