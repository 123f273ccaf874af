package dev.jobs.core.concurrency;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.jobs.FailureReason;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.execution.Admission;
import dev.jobs.core.execution.GuardedJob;
import dev.jobs.core.execution.JobGuard;
import dev.jobs.core.execution.Outcome;
import dev.jobs.core.lease.LeaseKeeper;
import dev.jobs.core.port.ConcurrencyLimiter;
import dev.jobs.core.task.TaskKeys;

/**
 * Runs at most {@code max-concurrent} jobs of a task at once across every instance, or of each
 * key of it ({@code concurrency-key}): a job takes a permit with an owner token, renewed while
 * it runs and given back once its delivery is settled; a permit whose worker died comes back when
 * its lease runs out. A job that finds every permit taken is deferred without spending an attempt
 * or holding a thread (reason {@code concurrency_limit}) and asks again after a pause.
 */
public final class ConcurrencyGuard implements JobGuard {

	private static final Log logger = LogFactory.getLog(ConcurrencyGuard.class);

	private final ConcurrencyLimiter limiter;

	private final LeaseKeeper leases;

	private final Duration lease;

	private final Duration retryAfter;

	/**
	 * A guard over the given permits.
	 * @param limiter the permits
	 * @param leases renews permits while their jobs run
	 * @param lease how long a permit outlives a worker that died holding it
	 * @param retryAfter how long a job that found no permit waits before asking again
	 */
	public ConcurrencyGuard(ConcurrencyLimiter limiter, LeaseKeeper leases, Duration lease, Duration retryAfter) {
		this.limiter = limiter;
		this.leases = leases;
		this.lease = lease;
		this.retryAfter = retryAfter;
	}

	@Override
	public Admission admit(GuardedJob job) {
		TaskKeys.Concurrency concurrency = job.task().keys().concurrency();
		if (concurrency == null) {
			return Admission.proceed();
		}
		JobEnvelope envelope = job.envelope();
		String budget;
		try {
			budget = "task:" + envelope.task() + ((concurrency.key() != null)
					? ":" + job.keyOf(concurrency.key()) : "");
		}
		catch (IllegalArgumentException ex) {
			return Admission.stop(new Outcome.Rejected(envelope, FailureReason.KEY_EXPRESSION, ex));
		}
		String token = job.ownerToken();
		if (!this.limiter.acquire(budget, token, concurrency.max(), this.lease)) {
			return Admission.stop(new Outcome.Deferred(envelope, this.retryAfter, "concurrency_limit"));
		}
		LeaseKeeper.Renewal renewal = this.leases.keep("concurrency permit of '" + budget + "' held by job "
				+ envelope.id(), this.lease, () -> this.limiter.renew(budget, token, this.lease));
		return Admission.proceed((outcome) -> {
			renewal.close();
			try {
				this.limiter.release(budget, token);
			}
			catch (RuntimeException ex) {
				logger.warn("The concurrency permit of '" + budget + "' held by job " + envelope.id()
						+ " could not be given back (" + ex.getMessage() + "); it comes back once its lease runs out");
			}
			return CompletableFuture.completedFuture(null);
		});
	}

}
