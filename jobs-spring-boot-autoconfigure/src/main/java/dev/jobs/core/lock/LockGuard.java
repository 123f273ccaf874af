package dev.jobs.core.lock;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.jobs.FailureReason;
import dev.jobs.OnLocked;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.execution.Admission;
import dev.jobs.core.execution.GuardedJob;
import dev.jobs.core.execution.JobGuard;
import dev.jobs.core.execution.Outcome;
import dev.jobs.core.task.TaskKeys;

/**
 * Runs a task with a {@code lock} only while its job holds that lock: two jobs with the same lock
 * never run at once, on any instance. The lock is taken with an owner token of this delivery
 * ({@code <job id>/<random>}), renewed while the task runs and released with that token once the
 * delivery is settled, whatever its outcome. A job that finds the lock held is skipped
 * ({@code SKIPPED}, reason {@code already_running}) or deferred without spending an attempt,
 * as the task's {@code onLocked} says.
 */
public final class LockGuard implements JobGuard {

	private static final Log logger = LogFactory.getLog(LockGuard.class);

	private final StoreJobLocks locks;

	private final LockSettings settings;

	/**
	 * A guard over the given locks.
	 * @param locks the locks
	 * @param settings the default lease and the wait of a deferred job
	 */
	public LockGuard(StoreJobLocks locks, LockSettings settings) {
		this.locks = locks;
		this.settings = settings;
	}

	@Override
	public Admission admit(GuardedJob job) {
		TaskKeys keys = job.task().keys();
		if (keys.lock() == null) {
			return Admission.proceed();
		}
		JobEnvelope envelope = job.envelope();
		String name;
		try {
			name = job.keyOf(keys.lock());
		}
		catch (IllegalArgumentException ex) {
			return Admission.stop(new Outcome.Rejected(envelope, FailureReason.KEY_EXPRESSION, ex));
		}
		Duration lease = (keys.lockTimeout() != null) ? keys.lockTimeout() : this.settings.timeout();
		String token = job.ownerToken();
		Optional<StoreJobLocks.HeldLock> lock = this.locks.tryAcquireAs(name, token, lease);
		if (lock.isPresent()) {
			return Admission.proceed((outcome) -> release(lock.get(), envelope));
		}
		if (keys.onLocked() == OnLocked.SKIP) {
			String holder = this.locks.holder(name).map((owner) -> " by job " + owner.split("/", 2)[0]).orElse("");
			return Admission.stop(new Outcome.Skipped(envelope, "already_running",
					"lock '" + name + "' is held" + holder));
		}
		return Admission.stop(new Outcome.Deferred(envelope, this.settings.retryAfter(), "lock_held"));
	}

	private static CompletableFuture<Void> release(StoreJobLocks.HeldLock lock, JobEnvelope envelope) {
		try {
			lock.close();
		}
		catch (RuntimeException ex) {
			logger.warn("Lock '" + lock.name() + "' of job " + envelope.id() + " could not be released ("
					+ ex.getMessage() + "); it is free again once its lease runs out");
		}
		return CompletableFuture.completedFuture(null);
	}

}
