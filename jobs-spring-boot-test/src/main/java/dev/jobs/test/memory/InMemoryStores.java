package dev.jobs.test.memory;

import java.time.Clock;

/**
 * Every store of test mode, made together so that a test can forget all they hold at once
 * ({@link #clear()}): what the Redis adapter keeps in production, held in this JVM.
 */
public final class InMemoryStores {

	private final InMemoryResultStore results = new InMemoryResultStore();

	private final InMemoryIdempotencyStore idempotency = new InMemoryIdempotencyStore();

	private final InMemoryLockStore locks = new InMemoryLockStore();

	private final InMemoryUniqueKeys uniqueKeys = new InMemoryUniqueKeys();

	private final InMemoryConcurrencyLimiter concurrency = new InMemoryConcurrencyLimiter();

	private final InMemoryRateLimiter rateLimiter;

	private final InMemoryCancellations cancellations = new InMemoryCancellations();

	private final InMemoryCrashCounter crashes = new InMemoryCrashCounter();

	private final InMemoryQueuePauses queuePauses = new InMemoryQueuePauses();

	private final InMemoryScheduleStore schedules = new InMemoryScheduleStore();

	private final InMemoryFlowStore flows = new InMemoryFlowStore();

	private final InMemoryBatchStore batches = new InMemoryBatchStore();

	/**
	 * The stores, with rate limits on the given clock.
	 * @param clock the engine's clock
	 */
	public InMemoryStores(Clock clock) {
		this.rateLimiter = new InMemoryRateLimiter(clock);
	}

	/**
	 * Forgets every record, key, lock, permit, cancel and workflow. Schedules keep their last
	 * slots, so that a slot already fired is not fired again.
	 */
	public void clear() {
		this.results.clear();
		this.idempotency.clear();
		this.locks.clear();
		this.uniqueKeys.clear();
		this.concurrency.clear();
		this.rateLimiter.clear();
		this.cancellations.clear();
		this.crashes.clear();
		this.flows.clear();
		this.batches.clear();
	}

	/**
	 * The job records.
	 * @return the store
	 */
	public InMemoryResultStore results() {
		return this.results;
	}

	/**
	 * The idempotency records.
	 * @return the store
	 */
	public InMemoryIdempotencyStore idempotency() {
		return this.idempotency;
	}

	/**
	 * The locks.
	 * @return the store
	 */
	public InMemoryLockStore locks() {
		return this.locks;
	}

	/**
	 * The unique keys.
	 * @return the store
	 */
	public InMemoryUniqueKeys uniqueKeys() {
		return this.uniqueKeys;
	}

	/**
	 * The concurrency permits.
	 * @return the store
	 */
	public InMemoryConcurrencyLimiter concurrency() {
		return this.concurrency;
	}

	/**
	 * The rate-limit budgets.
	 * @return the store
	 */
	public InMemoryRateLimiter rateLimiter() {
		return this.rateLimiter;
	}

	/**
	 * The cancelled jobs.
	 * @return the store
	 */
	public InMemoryCancellations cancellations() {
		return this.cancellations;
	}

	/**
	 * The crash counts.
	 * @return the store
	 */
	public InMemoryCrashCounter crashes() {
		return this.crashes;
	}

	/**
	 * The paused queues.
	 * @return the store
	 */
	public InMemoryQueuePauses queuePauses() {
		return this.queuePauses;
	}

	/**
	 * The schedules' records.
	 * @return the store
	 */
	public InMemoryScheduleStore schedules() {
		return this.schedules;
	}

	/**
	 * The workflows' state.
	 * @return the store
	 */
	public InMemoryFlowStore flows() {
		return this.flows;
	}

	/**
	 * The batches' state.
	 * @return the store
	 */
	public InMemoryBatchStore batches() {
		return this.batches;
	}

}
