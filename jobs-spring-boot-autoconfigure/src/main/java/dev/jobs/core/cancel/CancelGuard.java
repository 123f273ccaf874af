package dev.jobs.core.cancel;

import dev.jobs.core.execution.Admission;
import dev.jobs.core.execution.GuardedJob;
import dev.jobs.core.execution.JobGuard;
import dev.jobs.core.execution.Outcome;

/**
 * Ends a cancelled job when it is delivered, without running it and without spending an attempt:
 * {@code CANCELLED}. Asks this worker's {@link CancelledJobs}, so it costs no Redis call.
 */
public final class CancelGuard implements JobGuard {

	private final CancelledJobs cancelled;

	/**
	 * Creates the guard.
	 * @param cancelled the cancelled jobs
	 */
	public CancelGuard(CancelledJobs cancelled) {
		this.cancelled = cancelled;
	}

	@Override
	public Admission admit(GuardedJob job) {
		if (this.cancelled.isCancelled(job.envelope().id())) {
			return Admission.stop(new Outcome.Cancelled(job.envelope(), null));
		}
		return Admission.proceed();
	}

}
