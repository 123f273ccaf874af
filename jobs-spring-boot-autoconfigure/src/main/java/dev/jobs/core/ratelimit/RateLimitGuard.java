package dev.jobs.core.ratelimit;

import java.time.Duration;
import java.util.Map;

import dev.jobs.core.task.RateLimit;
import dev.jobs.core.task.RateLimitScope;
import dev.jobs.FailureReason;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.execution.Admission;
import dev.jobs.core.execution.GuardedJob;
import dev.jobs.core.execution.JobGuard;
import dev.jobs.core.execution.Outcome;
import dev.jobs.core.port.RateLimiter;
import dev.jobs.core.task.TaskKeys;

/**
 * Starts a rate-limited job only in a slot of its budgets: its queue's
 * ({@code jobs.queues.<q>.rate-limit}, always global) and its task's
 * ({@code rate-limit}, global or per instance, per key with {@code rate-limit-key}). A job over
 * the rate is deferred through the delay levels to the slot reserved for it, without spending an
 * attempt or holding a worker thread, and its copy carries that slot ({@code rateSlot}) so that
 * it starts when it comes back without taking another. A limiter that cannot reach its store
 * throws: a limited job never runs unlimited.
 */
public final class RateLimitGuard implements JobGuard {

	private final RateLimiter global;

	private final RateLimiter local;

	private final Map<String, RateLimit> queueLimits;

	/**
	 * A guard over the given limiters.
	 * @param global the budgets shared by every instance
	 * @param local the budgets of this instance
	 * @param queueLimits the rate limits of job queues, by queue name
	 */
	public RateLimitGuard(RateLimiter global, RateLimiter local, Map<String, RateLimit> queueLimits) {
		this.global = global;
		this.local = local;
		this.queueLimits = Map.copyOf(queueLimits);
	}

	@Override
	public Admission admit(GuardedJob job) {
		JobEnvelope envelope = job.envelope();
		TaskKeys.RateLimited taskLimit = job.task().keys().rateLimit();
		RateLimit queueLimit = this.queueLimits.get(job.queue());
		if ((taskLimit == null && queueLimit == null) || envelope.keys().rateSlot() != null) {
			return Admission.proceed();
		}
		Duration wait = Duration.ZERO;
		if (queueLimit != null) {
			wait = this.global.reserve("queue:" + job.queue(), queueLimit.interval(), queueLimit.tolerance());
		}
		if (taskLimit != null) {
			String budget;
			try {
				budget = budget(job, taskLimit);
			}
			catch (IllegalArgumentException ex) {
				return Admission.stop(new Outcome.Rejected(envelope, FailureReason.KEY_EXPRESSION, ex));
			}
			RateLimiter limiter = (taskLimit.scope() == RateLimitScope.WORKER) ? this.local : this.global;
			RateLimit limit = taskLimit.limit();
			Duration taskWait = limiter.reserve(budget, limit.interval(), limit.tolerance());
			wait = (taskWait.compareTo(wait) > 0) ? taskWait : wait;
		}
		if (wait.isZero()) {
			return Admission.proceed();
		}
		JobEnvelope holdingItsSlot = envelope.keys(envelope.keys().rateSlot(job.now().plus(wait)));
		return Admission.stop(new Outcome.Deferred(holdingItsSlot, wait, "rate_limited"));
	}

	private static String budget(GuardedJob job, TaskKeys.RateLimited limit) {
		String task = "task:" + job.envelope().task();
		return (limit.key() != null) ? task + ":" + job.keyOf(limit.key())
				: task;
	}

}
