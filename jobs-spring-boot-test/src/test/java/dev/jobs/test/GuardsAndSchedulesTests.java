package dev.jobs.test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.jobs.BackgroundTask;
import dev.jobs.JobHandle;
import dev.jobs.JobStatus;
import dev.jobs.Jobs;
import dev.jobs.autoconfigure.JobsAutoConfiguration;
import dev.jobs.autoconfigure.JobsOperationsAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The guards and the schedules over the in-memory stores, in {@code INLINE} mode: an
 * idempotency key runs its task once, a rate limit defers a job until the virtual clock reaches
 * its slot, and a schedule fires once the clock passes its slot.
 */
class GuardsAndSchedulesTests {

	private static final int CLOSED_PORT = ClosedPorts.any();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RabbitAutoConfiguration.class, DataRedisAutoConfiguration.class,
				JobsAutoConfiguration.class, JobsOperationsAutoConfiguration.class, JobsTestAutoConfiguration.class))
		.withUserConfiguration(CountingConfiguration.class)
		.withPropertyValues("spring.rabbitmq.host=127.0.0.1", "spring.rabbitmq.port=" + CLOSED_PORT,
				"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + CLOSED_PORT,
				"jobs.worker.queues=default");

	@Test
	void aSecondJobWithTheSameIdempotencyKeyEndsWithTheFirstOnesResultWithoutRunning() {
		this.runner.run((context) -> {
			Jobs jobs = context.getBean(Jobs.class);
			JobHandle<Integer> first = jobs.enqueue(CountingTasks::charge, "order-1");
			JobHandle<Integer> second = jobs.enqueue(CountingTasks::charge, "order-1");

			assertThat(second.await(Duration.ofSeconds(1))).isEqualTo(first.await(Duration.ofSeconds(1)));
			assertThat(second.snapshot().deduplicatedFrom()).isEqualTo(first.id());
			assertThat(context.getBean(CountingTasks.class).charges()).isEqualTo(1);
		});
	}

	@Test
	void aRateLimitedJobWaitsForItsSlotOnTheVirtualClock() {
		this.runner.withPropertyValues("jobs.tasks.ping.rate-limit=1/m").run((context) -> {
			Jobs jobs = context.getBean(Jobs.class);
			JobsTestHarness harness = context.getBean(JobsTestHarness.class);
			JobHandle<String> first = jobs.enqueue(CountingTasks::ping);
			JobHandle<String> second = jobs.enqueue(CountingTasks::ping);

			assertThat(first.status()).isEqualTo(JobStatus.SUCCESS);
			assertThat(second.status()).isEqualTo(JobStatus.DEFERRED);
			harness.advance(Duration.ofSeconds(59));
			assertThat(second.status()).isEqualTo(JobStatus.DEFERRED);
			harness.advance(Duration.ofSeconds(1));
			assertThat(second.status()).isEqualTo(JobStatus.SUCCESS);
		});
	}

	@Test
	void aScheduleFiresOnceTheVirtualClockPassesItsSlot() {
		this.runner.withPropertyValues("jobs.schedules.pinger.task=ping", "jobs.schedules.pinger.every=1h")
			.run((context) -> {
				JobsTestHarness harness = context.getBean(JobsTestHarness.class);
				Instant now = harness.clock().instant();
				Instant nextHour = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
				assertThat(harness.enqueued("ping")).isEmpty();

				harness.advance(Duration.between(now, nextHour));

				// The scheduler's own thread reads the clock at least every half second.
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(harness.enqueued("ping")).singleElement()
						.satisfies((job) -> assertThat(context.getBean(Jobs.class).handle(job.id()).status())
							.isEqualTo(JobStatus.SUCCESS)));
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class CountingConfiguration {

		@Bean
		CountingTasks countingTasks() {
			return new CountingTasks();
		}

	}

	static class CountingTasks {

		private final AtomicInteger charges = new AtomicInteger();

		int charges() {
			return this.charges.get();
		}

		@BackgroundTask(name = "charge", idempotencyKey = "#orderId")
		public Integer charge(String orderId) {
			return this.charges.incrementAndGet() * 100;
		}

		@BackgroundTask(name = "ping")
		public String ping() {
			return "pong";
		}

	}

}
