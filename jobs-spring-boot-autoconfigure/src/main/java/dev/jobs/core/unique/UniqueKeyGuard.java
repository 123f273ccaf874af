package dev.jobs.core.unique;

import java.util.concurrent.CompletableFuture;

import dev.jobs.JobStatus;
import dev.jobs.UniqueUntil;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.execution.Admission;
import dev.jobs.core.execution.GuardedJob;
import dev.jobs.core.execution.JobGuard;

/**
 * The worker's half of unique jobs: releases a job's unique key when the job reaches the state
 * its producer chose ({@code uniqueUntil}): as it starts, or once it has ended ({@code SUCCESS},
 * {@code FAILURE}, {@code EXPIRED}, {@code SKIPPED}; a retry or a deferral keeps the key).
 * It never stops a job. It runs first, so that an expired job releases its key too.
 */
public final class UniqueKeyGuard implements JobGuard {

	private final UniqueClaims claims;

	/**
	 * A guard releasing keys through the given claims.
	 * @param claims the unique keys
	 */
	public UniqueKeyGuard(UniqueClaims claims) {
		this.claims = claims;
	}

	@Override
	public Admission admit(GuardedJob job) {
		JobEnvelope envelope = job.envelope();
		if (envelope.keys().unique() == null) {
			return Admission.proceed();
		}
		if (envelope.keys().uniqueUntil() == UniqueUntil.STARTED) {
			this.claims.release(envelope);
			return Admission.proceed();
		}
		return Admission.proceed((outcome) -> {
			if (outcome.kind().status().filter(JobStatus::isTerminal).isPresent()) {
				this.claims.release(envelope);
			}
			return CompletableFuture.completedFuture(null);
		});
	}

}
