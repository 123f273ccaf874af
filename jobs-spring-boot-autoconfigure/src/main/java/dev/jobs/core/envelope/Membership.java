package dev.jobs.core.envelope;

import java.util.Objects;

/**
 * The larger work a job belongs to: a step of a workflow, a batch, or both (fields
 * {@code workflow} and {@code batch} of {@code docs/protocol.md}). The worker tells the
 * workflow or the batch when the job ends, and that is how they move on.
 *
 * @param workflow the workflow's id, or {@code null}
 * @param step the job's step in the workflow's plan; 0 without a workflow
 * @param batch the batch's id, or {@code null}
 */
public record Membership(String workflow, int step, String batch) {

	/** A job on its own. */
	public static final Membership NONE = new Membership(null, 0, null);

	/**
	 * Creates a {@code Membership}, checking its components.
	 * @param workflow the workflow's id, or {@code null}
	 * @param step the job's step in the workflow's plan; 0 without a workflow
	 * @param batch the batch's id, or {@code null}
	 */
	public Membership {
		if (step < 0) {
			throw new IllegalArgumentException("workflow step must not be negative, got " + step);
		}
	}

	/**
	 * A step of a workflow.
	 * @param workflow the workflow id
	 * @param step the step's index in the plan
	 * @return the membership
	 */
	public static Membership step(String workflow, int step) {
		return new Membership(Objects.requireNonNull(workflow, "workflow"), step, null);
	}

	/**
	 * This membership in the given batch too.
	 * @param batch the batch id, or {@code null}
	 * @return the new membership
	 */
	public Membership inBatch(String batch) {
		return new Membership(this.workflow, this.step, batch);
	}

	/**
	 * Whether the job belongs to anything.
	 * @return {@code false} for {@link #NONE}
	 */
	public boolean isAny() {
		return this.workflow != null || this.batch != null;
	}

}
