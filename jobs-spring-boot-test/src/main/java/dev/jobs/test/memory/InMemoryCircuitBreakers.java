package dev.jobs.test.memory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.jobs.core.port.BreakerSettings;
import dev.jobs.core.port.BreakerState;
import dev.jobs.core.port.CircuitBreakers;

/**
 * Circuit breakers in test mode: they never open by themselves, so a test's failing jobs retry
 * as their policy says; a breaker opened by hand ({@link #force}) puts the task's jobs off until
 * it is closed, as in production.
 */
public final class InMemoryCircuitBreakers implements CircuitBreakers {

	private final Set<String> forced = ConcurrentHashMap.newKeySet();

	@Override
	public Pass admit(String task, BreakerSettings settings) {
		return this.forced.contains(task) ? new Pass(false, false, settings.openDuration()) : Pass.CLOSED;
	}

	@Override
	public BreakerState record(String task, BreakerSettings settings, Pass pass, AttemptResult result) {
		return state(task);
	}

	@Override
	public BreakerState state(String task) {
		return this.forced.contains(task) ? BreakerState.FORCED_OPEN : BreakerState.CLOSED;
	}

	@Override
	public void force(String task, boolean open) {
		if (open) {
			this.forced.add(task);
		}
		else {
			this.forced.remove(task);
		}
	}

}
