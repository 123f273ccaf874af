package dev.jobs.core.task;

import java.time.Duration;

import dev.jobs.OnLocked;

/**
 * What a task says about its jobs' keys and limits: how each job's idempotency key is made, which
 * lock it must hold to run, how fast and how many may run, and how long one run may take
 * ({@code @BackgroundTask(idempotent, idempotencyKey, lock, lockTimeout, onLocked, rateLimit,
 * maxConcurrent, priority, timeout, hardTimeout)} and {@code jobs.tasks.<name>.*}).
 *
 * @param idempotency how a job's idempotency key is made when its message carries none
 * @param lock the lock a job must hold, or {@code null} for none
 * @param lockTimeout the lock's lease if the worker dies, or {@code null} for the default
 * @param onLocked what becomes of a job whose lock is held
 * @param rateLimit the task's rate limit, or {@code null} for none
 * @param concurrency how many of its jobs may run at once, or {@code null} for no cap
 * @param priority the message priority of its jobs, 0 to 255, higher first
 * @param timeout how long one run may take, or {@code null} for no limit
 * @param hardTimeout how long after its start a run that ignores its interrupt is abandoned,
 * later than {@code timeout}; {@code null} for the timeout plus {@code jobs.worker.hard-timeout-grace}
 */
public record TaskKeys(Idempotency idempotency, KeyExpression lock, Duration lockTimeout, OnLocked onLocked,
		RateLimited rateLimit, Concurrency concurrency, int priority, Duration timeout, Duration hardTimeout) {

	/** Neither keyed, locked nor limited, of the lowest priority. */
	public static final TaskKeys NONE = new TaskKeys(Idempotency.NONE, null, null, OnLocked.RETRY, null, null, 0,
			null, null);

	/**
	 * Creates a {@code TaskKeys}, checking its components.
	 * @param idempotency how a job's idempotency key is made when its message carries none
	 * @param lock the lock a job must hold, or {@code null} for none
	 * @param lockTimeout the lock's lease if the worker dies, or {@code null} for the default
	 * @param onLocked what becomes of a job whose lock is held
	 * @param rateLimit the task's rate limit, or {@code null} for none
	 * @param concurrency how many of its jobs may run at once, or {@code null} for no cap
	 * @param priority the message priority of its jobs, 0 to 255, higher first
	 * @param timeout how long one run may take, or {@code null} for no limit
	 * @param hardTimeout how long after its start a run that ignores its interrupt is abandoned,
	 * later than {@code timeout}; {@code null} for the timeout plus {@code jobs.worker.hard-timeout-grace}
	 */
	public TaskKeys {
		idempotency = (idempotency != null) ? idempotency : Idempotency.NONE;
		onLocked = (onLocked != null) ? onLocked : OnLocked.RETRY;
	}

	/**
	 * A task's cap on jobs running at once, across every instance.
	 *
	 * @param max how many may run at once, at least 1
	 * @param key gives each key its own cap, or {@code null} for one cap per task
	 */
	public record Concurrency(int max, KeyExpression key) {

	}

	/**
	 * A task's rate limit.
	 *
	 * @param limit the rate and burst
	 * @param scope whose budget it is
	 * @param key gives each job's key its own budget, or {@code null} for one budget per task
	 */
	public record RateLimited(RateLimit limit, RateLimitScope scope, KeyExpression key) {

	}

	/**
	 * How a task's jobs get their idempotency key, unless the message carries one.
	 *
	 * @param byArguments key each job by the canonical JSON of its arguments
	 * @param expression key each job by this expression, or {@code null}
	 */
	public record Idempotency(boolean byArguments, KeyExpression expression) {

		/** Jobs are keyed only by a key given at enqueue. */
		public static final Idempotency NONE = new Idempotency(false, null);

	}

}
