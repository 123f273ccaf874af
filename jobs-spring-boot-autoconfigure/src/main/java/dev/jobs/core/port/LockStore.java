package dev.jobs.core.port;

import java.time.Duration;
import java.util.Optional;

/**
 * Named locks with owner tokens and leases. Each method is one atomic operation; only the
 * owner's token releases or extends a lock, so a lock that expired and was taken by another
 * worker cannot be released by its old owner. Every method throws if the store cannot be
 * reached.
 */
public interface LockStore {

	/**
	 * Takes a lock if it is free.
	 * @param name the lock
	 * @param token the new owner's token
	 * @param lease how long the lock lasts unless renewed
	 * @return {@code true} if the lock is now this token's
	 */
	boolean acquire(String name, String token, Duration lease);

	/**
	 * Extends a lock.
	 * @param name the lock
	 * @param token the owner's token
	 * @param lease the new lease, from now
	 * @return {@code false} if the lock is not this token's (any more)
	 */
	boolean renew(String name, String token, Duration lease);

	/**
	 * Releases a lock.
	 * @param name the lock
	 * @param token the owner's token
	 * @return {@code false} if the lock was not this token's: it is left as it is
	 */
	boolean release(String name, String token);

	/**
	 * Who holds a lock.
	 * @param name the lock
	 * @return the owner's token, if the lock is held
	 */
	Optional<String> holder(String name);

}
