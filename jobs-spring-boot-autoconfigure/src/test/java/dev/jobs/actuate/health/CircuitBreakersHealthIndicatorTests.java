package dev.jobs.actuate.health;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import dev.jobs.actuate.endpoint.JobsEndpoint;
import dev.jobs.actuate.metrics.CircuitBreakerGauges;
import dev.jobs.core.port.BreakerSettings;
import dev.jobs.core.port.BreakerState;
import dev.jobs.core.port.CircuitBreakers;
import dev.jobs.core.port.ScheduleOperations;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator sees of the circuit breakers: health names the open ones and stays UP unless
 * told otherwise, the gauge gives each state a number, and the endpoint opens and closes a
 * breaker by hand, for tasks that have one only. The breakers' store is a map here.
 */
class CircuitBreakersHealthIndicatorTests {

	private final MapBreakers breakers = new MapBreakers();

	@Test
	void anOpenBreakerIsShownWithoutTakingTheInstanceDownUnlessConfigured() {
		this.breakers.states.put("send-webhook", BreakerState.OPEN);

		Health health = new CircuitBreakersHealthIndicator(this.breakers, Set.of("send-webhook", "charge"), false)
			.health(true);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("breakers", Map.of("charge", "CLOSED", "send-webhook", "OPEN"))
			.containsEntry("open", List.of("send-webhook"));
		assertThat(new CircuitBreakersHealthIndicator(this.breakers, Set.of("send-webhook"), true).health(true)
			.getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void theGaugeGivesEachStateANumber() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new CircuitBreakerGauges(this.breakers, Set.of("send-webhook")).bindTo(registry);

		assertThat(registry.get("jobs.breaker.state").tag("task", "send-webhook").gauge().value()).isZero();
		this.breakers.states.put("send-webhook", BreakerState.HALF_OPEN);
		assertThat(registry.get("jobs.breaker.state").tag("task", "send-webhook").gauge().value()).isOne();
	}

	@Test
	void theEndpointOpensAndClosesTheBreakerOfATaskThatHasOne() {
		JobsEndpoint endpoint = new JobsEndpoint(null, null, null, List.of(), () -> false, List.of(),
				ScheduleOperations.NONE, JobsEndpoint.QueueControl.NONE, (task) -> false,
				new JobsEndpoint.BreakerControl(this.breakers, Set.of("send-webhook")));

		assertThat(endpoint.forceBreaker("send-webhook", true))
			.hasValue(new JobsEndpoint.BreakerActionDescriptor("send-webhook", "open", "FORCED_OPEN"));
		assertThat(endpoint.forceBreaker("send-webhook", false))
			.hasValue(new JobsEndpoint.BreakerActionDescriptor("send-webhook", "close", "CLOSED"));
		assertThat(endpoint.forceBreaker("charge", true)).isEmpty();
		assertThat(this.breakers.states).doesNotContainKey("charge");
	}

	static final class MapBreakers implements CircuitBreakers {

		final Map<String, BreakerState> states = new ConcurrentHashMap<>();

		@Override
		public Pass admit(String task, BreakerSettings settings) {
			return Pass.CLOSED;
		}

		@Override
		public BreakerState record(String task, BreakerSettings settings, Pass pass, AttemptResult result) {
			return state(task);
		}

		@Override
		public BreakerState state(String task) {
			return this.states.getOrDefault(task, BreakerState.CLOSED);
		}

		@Override
		public void force(String task, boolean open) {
			if (open) {
				this.states.put(task, BreakerState.FORCED_OPEN);
			}
			else {
				this.states.remove(task);
			}
		}

	}

}
