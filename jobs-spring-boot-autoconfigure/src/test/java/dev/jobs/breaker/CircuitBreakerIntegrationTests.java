package dev.jobs.breaker;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.BackgroundTask;
import dev.jobs.JobHandle;
import dev.jobs.JobStatus;
import dev.jobs.Jobs;
import dev.jobs.JobsContextRunner;
import dev.jobs.core.port.BreakerState;
import dev.jobs.core.port.CircuitBreakers;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A downstream service that fails for 10 seconds, then recovers, under 20 jobs and a retry policy
 * of five attempts a second apart: without a breaker the retries run out during the outage and
 * jobs are dead-lettered; with one, shared by two worker instances, the breaker opens after a few
 * failures, the jobs wait without spending attempts, probes find the recovery, and every job
 * succeeds with far fewer attempts and none in the dead-letter queue.
 */
class CircuitBreakerIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	private static final Duration OUTAGE = Duration.ofSeconds(10);

	private static final int JOBS = 20;

	private static final AtomicInteger FAILED_CALLS = new AtomicInteger();

	private static volatile Instant downUntil = Instant.MIN;

	private final JobsContextRunner jobs = new JobsContextRunner();

	@AfterEach
	void cleanUp() {
		FAILED_CALLS.set(0);
		downUntil = Instant.MIN;
		this.jobs.cleanUp();
	}

	@Test
	void withoutABreakerTheOutageDeadLettersJobs() {
		worker().run((context) -> {
			List<JobHandle<Object>> handles = enqueueDuringOutage(context.getBean(Jobs.class));

			await().atMost(TIMEOUT).until(() -> handles.stream().allMatch((handle) -> handle.status().isTerminal()));
			assertThat(handles).anySatisfy((handle) -> assertThat(handle.status()).isEqualTo(JobStatus.FAILURE));
			assertThat(this.jobs.deadLetters()).isNotEmpty();
		});
	}

	@Test
	void aBreakerSharedByTwoWorkersHoldsTheJobsThroughTheOutageWithFarFewerAttempts() {
		withBreaker(worker()).run((first) -> withBreaker(worker()).run((second) -> {
			CircuitBreakers firstView = first.getBean(CircuitBreakers.class);
			CircuitBreakers secondView = second.getBean(CircuitBreakers.class);
			List<JobHandle<Object>> handles = enqueueDuringOutage(first.getBean(Jobs.class));

			// Opened by the failures of either instance, seen by both.
			await().atMost(TIMEOUT).until(() -> firstView.state("call-downstream").isOpen());
			assertThat(secondView.state("call-downstream").isOpen()).isTrue();

			handles.forEach((handle) -> assertThat(handle.await(TIMEOUT)).isEqualTo("ok"));
			assertThat(this.jobs.deadLetters()).isEmpty();
			// Five to open it, two in flight at most per instance, and a probe every 4 s of the outage.
			assertThat(FAILED_CALLS.get()).isLessThanOrEqualTo(15);
			assertThat(firstView.state("call-downstream")).isEqualTo(BreakerState.CLOSED);
		}));
	}

	@Test
	void anOperatorOpensTheBreakerForEveryInstanceUntilClosingIt() {
		withBreaker(worker()).run((first) -> withBreaker(worker()).run((second) -> {
			first.getBean(CircuitBreakers.class).force("call-downstream", true);
			JobHandle<Object> held = second.getBean(Jobs.class).enqueue("call-downstream", 1);

			await().atMost(TIMEOUT).until(() -> held.status() == JobStatus.DEFERRED);
			assertThat(held.snapshot().reason()).isEqualTo("circuit_open");
			assertThat(second.getBean(CircuitBreakers.class).state("call-downstream"))
				.isEqualTo(BreakerState.FORCED_OPEN);

			second.getBean(CircuitBreakers.class).force("call-downstream", false);
			assertThat(held.await(TIMEOUT)).isEqualTo("ok");
			assertThat(held.snapshot().attempts()).isEqualTo(1);
		}));
	}

	private List<JobHandle<Object>> enqueueDuringOutage(Jobs jobs) {
		downUntil = Instant.now().plus(OUTAGE);
		List<JobHandle<Object>> handles = new ArrayList<>();
		for (int n = 0; n < JOBS; n++) {
			handles.add(jobs.enqueue("call-downstream", n));
		}
		return handles;
	}

	private ApplicationContextRunner worker() {
		return this.jobs.worker()
			.withUserConfiguration(TaskConfiguration.class)
			.withPropertyValues("jobs.queues." + this.jobs.queue() + ".concurrency=2",
					"jobs.retry.default.max-attempts=5", "jobs.retry.default.initial-delay=1s",
					"jobs.retry.default.multiplier=1", "jobs.retry.default.jitter=false");
	}

	private static ApplicationContextRunner withBreaker(ApplicationContextRunner runner) {
		String breaker = "jobs.tasks.call-downstream.circuit-breaker.";
		return runner.withPropertyValues(breaker + "failure-rate-threshold=50", breaker + "sliding-window=5",
				breaker + "minimum-attempts=5", breaker + "open-duration=4s", breaker + "half-open-probes=1");
	}

	@Configuration(proxyBeanMethods = false)
	static class TaskConfiguration {

		@Bean
		Downstream downstream() {
			return new Downstream();
		}

	}

	static class Downstream {

		@BackgroundTask(name = "call-downstream")
		String call(int n) throws IOException {
			if (Instant.now().isBefore(downUntil)) {
				FAILED_CALLS.incrementAndGet();
				throw new IOException("downstream unavailable (call " + n + ")");
			}
			return "ok";
		}

	}

}
