package dev.jobs.redis;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.resource.Delay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.BackgroundTask;
import dev.jobs.JobHandle;
import dev.jobs.JobStatus;
import dev.jobs.Jobs;
import dev.jobs.JobsContextRunner;
import dev.jobs.LocalBroker;

import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a user sees when the worker's Redis dies under it: a job that finishes while its result
 * cannot be stored is neither acknowledged nor run again. Its message stays unacknowledged in
 * its RabbitMQ queue while the worker keeps trying to store the result, and once Redis is back
 * the job reads {@code SUCCESS} with its value and the queue is empty. Nothing is lost, nothing
 * is dead-lettered, and the outage, however long, costs the message no delivery: the queue's
 * delivery limit is set to 2 here, and the outage outlasts many store attempts.
 *
 * <p>The worker uses a Redis of this test's own, which the test kills and starts again on the
 * same port; the shared Redis is not touched.
 */
class RedisOutageIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final JobsContextRunner runner = new JobsContextRunner();

	private final OwnRedis redis = OwnRedis.onFreePort();

	@AfterEach
	void cleanUp() {
		this.redis.stop();
		this.runner.cleanUp();
	}

	@Test
	void jobFinishedWhileRedisIsDownIsNotRunAgainAndSucceedsOnceRedisIsBack() {
		this.redis.start();
		String queue = this.runner.queue();
		this.runner.worker()
			.withUserConfiguration(TaskConfiguration.class, QuickReconnectConfiguration.class)
			.withPropertyValues("spring.data.redis.port=" + this.redis.port(), "spring.data.redis.timeout=1s",
					"jobs.worker.settle-retry-pause=500ms", "jobs.queues." + queue + ".concurrency=1",
					"jobs.queues." + queue + ".delivery-limit=2")
			.run((context) -> {
				Jobs jobs = context.getBean(Jobs.class);
				GreetingTasks tasks = context.getBean(GreetingTasks.class);

				JobHandle<String> before = jobs.enqueue(GreetingTasks::greet, "before");
				await().atMost(TIMEOUT).until(before::status, JobStatus.SUCCESS::equals);
				assertThat(before.snapshot().result()).isEqualTo("hello before");

				this.redis.stop();
				JobHandle<String> during = jobs.enqueue(GreetingTasks::greet, "during");
				await().atMost(TIMEOUT).until(() -> tasks.calls("during") == 1);
				// Each store attempt takes the 1 s timeout plus the 500 ms pause: six seconds is
				// four attempts, where giving the message back after each would have dead-lettered
				// it at the delivery limit of 2.
				await().during(Duration.ofSeconds(6)).atMost(TIMEOUT).until(() -> tasks.calls("during") == 1);
				// rabbitmqctl reports a quorum queue's counts as of its last tick (up to 5 s old): await.
				await().atMost(TIMEOUT).untilAsserted(() -> assertThat(LocalBroker.listedCounts(this.runner.brokerQueue()).held()).isOne());
				assertThat(this.runner.deadLetters()).isEmpty();

				this.redis.start();
				// Until the client has reconnected, reading the status times out like the writes did.
				await().atMost(TIMEOUT).ignoreExceptions().until(during::status, JobStatus.SUCCESS::equals);
				assertThat(during.snapshot().result()).isEqualTo("hello during");
				assertThat(during.snapshot().attempts()).isOne();
				await().atMost(TIMEOUT).until(() -> LocalBroker.listedCounts(this.runner.brokerQueue()).held() == 0);
				assertThat(LocalBroker.messageCount(this.runner.brokerQueue())).isZero();
				assertThat(this.runner.deadLetters()).isEmpty();
				assertThat(tasks.calls("before")).isOne();
				assertThat(tasks.calls("during")).isOne();
			});
	}

	/**
	 * A task that counts its calls per argument.
	 */
	static class GreetingTasks {

		private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

		int calls(String name) {
			AtomicInteger count = this.calls.get(name);
			return (count != null) ? count.get() : 0;
		}

		@BackgroundTask
		String greet(String name) {
			this.calls.computeIfAbsent(name, (key) -> new AtomicInteger()).incrementAndGet();
			return "hello " + name;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TaskConfiguration {

		@Bean
		GreetingTasks greetingTasks() {
			return new GreetingTasks();
		}

	}

	/**
	 * Lettuce waits twice as long before each reconnect attempt, up to 30 s: a Redis back after a
	 * few seconds may go unnoticed for as long again. Reconnecting every 100 ms ends the outage
	 * when Redis is back, and keeps the test short.
	 */
	@Configuration(proxyBeanMethods = false)
	static class QuickReconnectConfiguration {

		@Bean
		ClientResourcesBuilderCustomizer quickReconnect() {
			return (builder) -> builder.reconnectDelay(Delay.constant(Duration.ofMillis(100)));
		}

	}

}
