package dev.jobs.core.execution;

import java.util.concurrent.CompletableFuture;

/**
 * What the end of a delivery moves on besides the job itself: the workflow step or batch it
 * belongs to. It runs once the outcome is settled and the guards' after-run steps are done, and
 * the delivery is acknowledged only once it completes, so that a worker that dies first leaves
 * the delivery to be redelivered and the continuation to be done again (it is idempotent).
 */
@FunctionalInterface
public interface Continuation {

	/** Nothing to move on. */
	Continuation NONE = (outcome) -> CompletableFuture.completedFuture(null);

	/**
	 * Moves on what the delivery's job belongs to.
	 * @param outcome how the delivery ended
	 * @return completes when done; a continuation that keeps failing completes exceptionally, and
	 * the delivery is acknowledged all the same (its outcome is durable)
	 */
	CompletableFuture<Void> continueAfter(Outcome outcome);

}
