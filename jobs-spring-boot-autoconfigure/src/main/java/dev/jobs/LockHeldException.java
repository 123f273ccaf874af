package dev.jobs;

/**
 * Thrown by {@link JobLocks#acquire} when another owner holds the lock.
 */
public class LockHeldException extends JobsException {

	/** Name of the lock that is held. */
	private final String lockName;

	/**
	 * An exception for a held lock.
	 * @param lockName the lock
	 */
	public LockHeldException(String lockName) {
		super("Lock '" + lockName + "' is held by another owner; try again later, or use tryAcquire");
		this.lockName = lockName;
	}

	/**
	 * The lock that was held.
	 * @return its name
	 */
	public String getLockName() {
		return this.lockName;
	}

}
