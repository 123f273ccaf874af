package dev.jobs.actuate.health;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.jobs.core.port.BreakerState;
import dev.jobs.core.port.CircuitBreakers;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code jobsCircuitBreakers} health contributor: the state of each task's circuit breaker,
 * as every instance sees it, in its details, and the open ones under {@code open}. An open
 * breaker means a downstream service is failing, not that this instance is broken, so it stays
 * {@code UP} unless {@code jobs.actuate.open-breaker-down} says to report {@code DOWN} (an
 * orchestrator would then replace healthy instances for someone else's outage). A breaker that
 * cannot be read is {@code DOWN}, like every other Redis check.
 */
public class CircuitBreakersHealthIndicator extends AbstractHealthIndicator {

	private final CircuitBreakers breakers;

	private final Set<String> tasks;

	private final boolean openIsDown;

	/**
	 * A health contributor over these breakers.
	 * @param breakers the shared breakers
	 * @param tasks the tasks with a breaker
	 * @param openIsDown whether an open breaker reports {@code DOWN}
	 */
	public CircuitBreakersHealthIndicator(CircuitBreakers breakers, Set<String> tasks, boolean openIsDown) {
		super("Circuit breakers could not be read");
		this.breakers = breakers;
		this.tasks = Set.copyOf(tasks);
		this.openIsDown = openIsDown;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Map<String, String> states = new TreeMap<>();
		boolean anyOpen = false;
		for (String task : this.tasks) {
			BreakerState state = this.breakers.state(task);
			states.put(task, state.name());
			anyOpen |= state.isOpen();
		}
		builder.withDetail("breakers", states);
		builder.withDetail("open", states.entrySet().stream().filter((entry) -> !"CLOSED".equals(entry.getValue()))
			.map(Map.Entry::getKey).toList());
		if (anyOpen && this.openIsDown) {
			builder.down();
		}
		else {
			builder.up();
		}
	}

}
