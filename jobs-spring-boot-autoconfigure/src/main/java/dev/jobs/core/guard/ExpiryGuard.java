package dev.jobs.core.guard;

import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.execution.Admission;
import dev.jobs.core.execution.GuardedJob;
import dev.jobs.core.execution.JobGuard;
import dev.jobs.core.execution.Outcome;

/**
 * Stops a job that is past its expiry ({@code JobOptions.expiresIn} / {@code expiresAt}) before
 * its task runs. It holds for every attempt, retries included: a retry that comes due after the
 * job expired ends {@code EXPIRED} instead of running. It comes first, since nothing else is
 * worth checking for a job that will not run.
 */
public final class ExpiryGuard implements JobGuard {

	@Override
	public Admission admit(GuardedJob job) {
		JobEnvelope envelope = job.envelope();
		return envelope.isExpiredAt(job.now()) ? Admission.stop(new Outcome.Expired(envelope)) : Admission.proceed();
	}

}
