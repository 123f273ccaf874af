package dev.jobs.core.execution;

import java.util.List;

/**
 * A step a {@link JobGuard} leaves for a success, which must be durable before the success is:
 * store the result under the job's idempotency key. It runs on the job's thread as soon as the
 * task has returned, before the result record is written and before that consumer takes another
 * job, so a crash can repeat at most the one job each consumer was finishing. While the step
 * throws (its store cannot be reached), the worker holds the delivery and runs it again after
 * {@code jobs.worker.settle-retry-pause}; the step must therefore be safe to repeat.
 */
@FunctionalInterface
public interface OnSuccess {

	/** A step that does nothing. */
	OnSuccess NONE = (succeeded) -> {
	};

	/**
	 * Runs the step.
	 * @param succeeded the success, not yet recorded
	 * @throws RuntimeException if the step's store refused it; it is run again while the
	 * delivery is held
	 */
	void beforeRecorded(Outcome.Succeeded succeeded);

	/**
	 * One step that runs the given ones in the order of the list, which is the order their
	 * guards admitted the job.
	 * @param steps the steps
	 * @return the combined step
	 */
	static OnSuccess all(List<OnSuccess> steps) {
		List<OnSuccess> copy = steps.stream().filter((step) -> step != NONE).toList();
		if (copy.isEmpty()) {
			return NONE;
		}
		return (succeeded) -> copy.forEach((step) -> step.beforeRecorded(succeeded));
	}

}
