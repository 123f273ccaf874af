package dev.jobs.core.execution;

/**
 * One check between a job's decoding and its task's invocation: the extension point for
 * everything that decides whether a job may run now (expiry today; cancellation, rate limits,
 * concurrency keys, locks and idempotency as they come).
 *
 * <p>The {@link JobExecutor} runs its guards in order. Each {@linkplain #admit admits} the job,
 * optionally with an {@link AfterRun} step and an {@link OnSuccess} step, or ends the delivery
 * with an {@link Outcome} of its own, and then no later guard runs and the task does not run.
 * After a success, the {@link OnSuccess} steps run first, in order, before the success is
 * recorded. The after-run steps of the guards that admitted the job run, in reverse order, once
 * the delivery's outcome is settled, whatever that outcome is, so that a lock taken by one guard
 * is released even if a later guard stops the job.
 *
 * <p>A guard whose store cannot be reached must never admit the job unguarded: it throws, the
 * executor reports a {@link GuardUnavailableException}, and the worker holds the delivery and
 * asks the guards again after {@code jobs.worker.settle-retry-pause}, without spending an
 * attempt or a delivery.
 */
@FunctionalInterface
public interface JobGuard {

	/**
	 * Decides whether the job may run now.
	 * @param job the decoded job
	 * @return {@link Admission#proceed()}, {@link Admission#proceed(AfterRun)}, or
	 * {@link Admission#stop(Outcome)}
	 */
	Admission admit(GuardedJob job);

	/**
	 * Whether this guard decides what becomes of a job's last delivery, the one after which its
	 * quorum queue dead-letters it. Without such a guard the executor ends a last delivery
	 * itself, as {@code DELIVERY_LIMIT}, before decoding it; with one, the job reaches the guards
	 * with {@link GuardedJob#lastDelivery()} set. The broker counts every return, also those of
	 * jobs a dying worker only held, so a guard that knows which deaths a job caused can tell a
	 * poison job from its neighbours where the broker cannot.
	 * @return {@code false} unless the guard handles last deliveries
	 */
	default boolean decidesLastDelivery() {
		return false;
	}

}
