package dev.jobs.core.execution;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A step a {@link JobGuard} leaves for the end of the delivery: release a lock, store a result
 * under its idempotency key, count a chord member. It runs once the outcome is settled and before
 * the delivery is acknowledged.
 */
@FunctionalInterface
public interface AfterRun {

	/** A step that does nothing. */
	AfterRun NONE = (outcome) -> CompletableFuture.completedFuture(null);

	/**
	 * Runs the step.
	 * @param outcome how the delivery ended
	 * @return completes when the step is done; a step that fails is logged and the delivery is
	 * still acknowledged, since its outcome is durable by then, so a step whose effect must not
	 * be lost retries inside itself
	 */
	CompletableFuture<Void> afterSettled(Outcome outcome);

	/**
	 * One step that runs the given ones one after another, in reverse order of the list: the
	 * guard that admitted the job last cleans up first.
	 * @param steps the steps, in the order their guards ran
	 * @return the combined step
	 */
	static AfterRun reversed(List<AfterRun> steps) {
		if (steps.isEmpty()) {
			return NONE;
		}
		List<AfterRun> copy = List.copyOf(steps);
		return (outcome) -> {
			CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
			for (int i = copy.size() - 1; i >= 0; i--) {
				AfterRun step = copy.get(i);
				done = done.thenCompose((ignored) -> step.afterSettled(outcome));
			}
			return done;
		};
	}

}
