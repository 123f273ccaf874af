package dev.jobs;

/**
 * A lock taken from {@link JobLocks}; closing it releases it.
 */
public interface JobLock extends AutoCloseable {

	/**
	 * The lock's name.
	 * @return the name
	 */
	String name();

	/**
	 * Whether this owner still held the lock at its last renewal: {@code false} once it is
	 * released, or if its lease ran out (the process paused for longer than two thirds of it)
	 * and another owner took it.
	 * @return whether the lock is held
	 */
	boolean isHeld();

	/**
	 * Releases the lock, if this owner still holds it; never releases another owner's.
	 */
	@Override
	void close();

}
