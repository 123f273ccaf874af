package dev.jobs;

import java.time.Duration;
import java.util.Optional;

/**
 * Named locks shared by every instance of the application, for use inside a task (or anywhere
 * else): an owner-token lease in Redis, renewed while it is held and released only by its
 * owner, so a lock that expired and was taken by another worker can never be released by its
 * old owner.
 *
 * <pre>{@code
 * try (JobLock lock = locks.acquire("sync:" + userId, Duration.ofMinutes(10))) {
 *     sync(userId);
 * }
 * }</pre>
 *
 * The names are those of {@code @BackgroundTask(lock = ...)}, so code and tasks can share a
 * lock. See {@code docs/exactly-once.md}.
 */
public interface JobLocks {

	/**
	 * Takes a lock if it is free.
	 * @param name the lock's name
	 * @param lease how long the lock outlives its holder if the holder dies; renewed every
	 * third of it while held
	 * @return the lock, or empty if another owner holds it
	 * @throws JobsUnavailableException if Redis cannot be reached
	 */
	Optional<JobLock> tryAcquire(String name, Duration lease);

	/**
	 * Takes a lock, or fails at once if another owner holds it.
	 * @param name the lock's name
	 * @param lease how long the lock outlives its holder if the holder dies; renewed every
	 * third of it while held
	 * @return the lock
	 * @throws LockHeldException if another owner holds it; thrown from a task, it is a failure
	 * like any other and follows the task's retry policy
	 * @throws JobsUnavailableException if Redis cannot be reached
	 */
	default JobLock acquire(String name, Duration lease) {
		return tryAcquire(name, lease).orElseThrow(() -> new LockHeldException(name));
	}

}
