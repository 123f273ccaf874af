package dev.jobs.core.flow;

import java.time.Duration;
import java.util.List;

/**
 * One part of a workflow's plan, by index into the plan's nodes: a step, a chain, a group or a
 * chord ({@code docs/protocol.md}, "Workflow plans").
 *
 * @param kind what the part is
 * @param step for a {@link Kind#STEP}, the step's index; otherwise -1
 * @param members for a chain, its steps in order; for a group, its members; for a chord, the
 * header (a group) then the callback
 * @param deadline for a chord, how long after submission its header must be complete, or
 * {@code null}
 * @param partial for a chord with a deadline, whether a missed deadline runs the callback with
 * the results there are
 * @param revive for a chord, whether a replayed header job that failed it lets it go on
 * @param errback the error callback of this part, or {@code null}
 */
public record PlanNode(Kind kind, int step, List<Integer> members, Duration deadline, boolean partial,
		boolean revive, JobSpec errback) {

	/**
	 * Creates a {@code PlanNode}, checking its components.
	 * @param kind what the part is
	 * @param step for a {@link Kind#STEP}, the step's index; otherwise -1
	 * @param members for a chain, its steps in order; for a group, its members; for a chord, the
	 * header (a group) then the callback
	 * @param deadline for a chord, how long after submission its header must be complete, or
	 * {@code null}
	 * @param partial for a chord with a deadline, whether a missed deadline runs the callback with
	 * the results there are
	 * @param revive for a chord, whether a replayed header job that failed it lets it go on
	 * @param errback the error callback of this part, or {@code null}
	 */
	public PlanNode {
		members = List.copyOf(members);
	}

	/**
	 * A step.
	 * @param step the step's index
	 * @param errback the error callback, or {@code null}
	 * @return the node
	 */
	static PlanNode step(int step, JobSpec errback) {
		return new PlanNode(Kind.STEP, step, List.of(), null, false, false, errback);
	}

	/**
	 * For a chord, its header's node.
	 * @return the header
	 */
	int header() {
		return this.members.get(0);
	}

	/**
	 * For a chord, its callback's node.
	 * @return the callback
	 */
	int callback() {
		return this.members.get(1);
	}

	/** The kinds of parts. */
	public enum Kind {

		/** One job. */
		STEP,

		/** Parts one after another. */
		CHAIN,

		/** Parts side by side. */
		GROUP,

		/** A group, then a callback. */
		CHORD

	}

}
