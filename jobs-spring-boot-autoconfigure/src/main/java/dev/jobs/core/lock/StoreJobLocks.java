package dev.jobs.core.lock;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import dev.jobs.JobLock;
import dev.jobs.JobLocks;
import dev.jobs.JobsUnavailableException;
import dev.jobs.core.lease.LeaseKeeper;
import dev.jobs.core.port.LockStore;

/**
 * {@link JobLocks} over a {@link LockStore}: a lock is taken with a fresh owner token, renewed
 * by the {@link LeaseKeeper} while it is open, and released with that token when closed.
 */
public final class StoreJobLocks implements JobLocks {

	private final LockStore store;

	private final LeaseKeeper leases;

	/**
	 * Locks over the given store.
	 * @param store the locks
	 * @param leases renews held locks
	 */
	public StoreJobLocks(LockStore store, LeaseKeeper leases) {
		this.store = store;
		this.leases = leases;
	}

	@Override
	public Optional<JobLock> tryAcquire(String name, Duration lease) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("A lock needs a non-empty name");
		}
		if (lease == null || lease.isNegative() || lease.isZero()) {
			throw new IllegalArgumentException("The lease of lock '" + name + "' must be positive, got " + lease);
		}
		String token = UUID.randomUUID().toString();
		boolean acquired;
		try {
			acquired = this.store.acquire(name, token, lease);
		}
		catch (RuntimeException ex) {
			throw new JobsUnavailableException("Lock '" + name + "' could not be taken: " + ex.getMessage(), ex);
		}
		return acquired ? Optional.of(new HeldLock(name, token, lease)) : Optional.empty();
	}

	/**
	 * Takes a lock for a job, with a token of the job's.
	 * @param name the lock
	 * @param token the owner token
	 * @param lease the lease
	 * @return the lock, or empty if it is held
	 * @throws RuntimeException what the store threw if it cannot be reached
	 */
	Optional<HeldLock> tryAcquireAs(String name, String token, Duration lease) {
		return this.store.acquire(name, token, lease) ? Optional.of(new HeldLock(name, token, lease))
				: Optional.empty();
	}

	/**
	 * Who holds a lock, for messages.
	 * @param name the lock
	 * @return the owner's token, if any; empty also if the store cannot say
	 */
	Optional<String> holder(String name) {
		try {
			return this.store.holder(name);
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

	/** One held lock, renewed until it is closed or lost. */
	final class HeldLock implements JobLock {

		private final String name;

		private final String token;

		private final LeaseKeeper.Renewal renewal;

		private volatile boolean held = true;

		HeldLock(String name, String token, Duration lease) {
			this.name = name;
			this.token = token;
			this.renewal = StoreJobLocks.this.leases.keep("lock '" + name + "'", lease, () -> {
				this.held = StoreJobLocks.this.store.renew(name, token, lease);
				return this.held;
			});
		}

		@Override
		public String name() {
			return this.name;
		}

		@Override
		public boolean isHeld() {
			return this.held;
		}

		@Override
		public void close() {
			this.renewal.close();
			if (this.held) {
				this.held = false;
				try {
					StoreJobLocks.this.store.release(this.name, this.token);
				}
				catch (RuntimeException ex) {
					throw new JobsUnavailableException("Lock '" + this.name + "' could not be released (" + ex.getMessage()
							+ "); it is free again once its lease runs out", ex);
				}
			}
		}

	}

}
