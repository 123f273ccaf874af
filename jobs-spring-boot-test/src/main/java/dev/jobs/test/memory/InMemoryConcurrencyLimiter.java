package dev.jobs.test.memory;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.jobs.core.port.ConcurrencyLimiter;

/**
 * Concurrency permits in a map of budgets, each a set of the tokens that hold one. As with
 * locks, leases do not run out in test mode.
 */
public final class InMemoryConcurrencyLimiter implements ConcurrencyLimiter {

	private final Map<String, Set<String>> holders = new ConcurrentHashMap<>();

	@Override
	public boolean acquire(String budget, String token, int max, Duration lease) {
		boolean[] acquired = new boolean[1];
		this.holders.compute(budget, (name, tokens) -> {
			Set<String> held = (tokens != null) ? tokens : ConcurrentHashMap.newKeySet();
			acquired[0] = held.contains(token) || (held.size() < max && held.add(token));
			return held;
		});
		return acquired[0];
	}

	@Override
	public boolean renew(String budget, String token, Duration lease) {
		Set<String> held = this.holders.get(budget);
		return held != null && held.contains(token);
	}

	@Override
	public void release(String budget, String token) {
		this.holders.computeIfPresent(budget, (name, tokens) -> {
			tokens.remove(token);
			return tokens.isEmpty() ? null : tokens;
		});
	}

	/**
	 * Forgets everything, as between two tests.
	 */
	public void clear() {
		this.holders.clear();
	}

}
