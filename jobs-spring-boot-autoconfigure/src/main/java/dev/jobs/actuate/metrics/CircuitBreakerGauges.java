package dev.jobs.actuate.metrics;

import java.util.Set;

import dev.jobs.core.port.BreakerState;
import dev.jobs.core.port.CircuitBreakers;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The {@code jobs.breaker.state} gauge, one per task with a circuit breaker (tag {@code task}):
 * 0 closed, 1 half-open, 2 open, 3 opened by an operator, as every instance sees it. Each scrape
 * reads the breaker from Redis (one read per task); a breaker that cannot be read is NaN.
 */
public final class CircuitBreakerGauges implements MeterBinder {

	private final CircuitBreakers breakers;

	private final Set<String> tasks;

	/**
	 * Gauges over these breakers.
	 * @param breakers the shared breakers
	 * @param tasks the tasks with a breaker
	 */
	public CircuitBreakerGauges(CircuitBreakers breakers, Set<String> tasks) {
		this.breakers = breakers;
		this.tasks = Set.copyOf(tasks);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (String task : this.tasks) {
			Gauge.builder("jobs.breaker.state", () -> value(task))
				.description("State of the task's circuit breaker: 0 closed, 1 half-open, 2 open, 3 opened by hand")
				.tag("task", task)
				.register(registry);
		}
	}

	private double value(String task) {
		BreakerState state;
		try {
			state = this.breakers.state(task);
		}
		catch (RuntimeException ex) {
			return Double.NaN;
		}
		return switch (state) {
			case CLOSED -> 0;
			case HALF_OPEN -> 1;
			case OPEN -> 2;
			case FORCED_OPEN -> 3;
		};
	}

}
