package dev.jobs.test.memory;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.jobs.core.port.LockStore;

/**
 * Named locks in a map, each held by its owner's token until that token releases it. Leases do
 * not run out in test mode: a run always ends on the thread that took its lock, which then
 * releases it.
 */
public final class InMemoryLockStore implements LockStore {

	private final Map<String, String> owners = new ConcurrentHashMap<>();

	@Override
	public boolean acquire(String name, String token, Duration lease) {
		String owner = this.owners.putIfAbsent(name, token);
		return owner == null || owner.equals(token);
	}

	@Override
	public boolean renew(String name, String token, Duration lease) {
		return token.equals(this.owners.get(name));
	}

	@Override
	public boolean release(String name, String token) {
		return this.owners.remove(name, token);
	}

	@Override
	public Optional<String> holder(String name) {
		return Optional.ofNullable(this.owners.get(name));
	}

	/**
	 * Forgets everything, as between two tests.
	 */
	public void clear() {
		this.owners.clear();
	}

}
