package dev.jobs.workflow;

import java.util.List;

/**
 * Steps that run one after another: each starts once the step before it has succeeded, with
 * that step's result as its first argument (unless it is {@linkplain Signature#immutable()
 * immutable}). A step that fails for good stops the chain. Build one with
 * {@link Workflows#chain}.
 *
 * @param steps the steps, at least one
 * @param errback the error callback, or {@code null}
 * @param <T> the last step's result type
 */
public record Chain<T>(List<Workflow<?>> steps, Signature<?> errback) implements Workflow<T> {

	/**
	 * Creates a {@code Chain}, checking its components.
	 * @param steps the steps, at least one
	 * @param errback the error callback, or {@code null}
	 */
	public Chain {
		steps = List.copyOf(steps);
		if (steps.isEmpty()) {
			throw new IllegalArgumentException("A chain needs at least one step");
		}
	}

	@Override
	public Chain<T> onError(Signature<?> errback) {
		return new Chain<>(this.steps, errback);
	}

}
