package dev.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.autoconfigure.JobsOperationsAutoConfiguration;
import dev.jobs.core.port.DeadLetterEntry;
import dev.jobs.core.port.DeadLetterQuery;
import dev.jobs.core.port.DeadLetterQueue;
import dev.jobs.redis.RedisKeys;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two applications on one RabbitMQ virtual host and one Redis, told apart only by
 * {@code jobs.rabbit.prefix} and {@code jobs.redis.key-prefix}: the same task names, the same
 * job queue name, both running at once. Before the prefix existed, both consumed
 * {@code jobs.orders} and shared {@code jobs.dead-letter}, so each ran the other's jobs.
 */
class NamespacesIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final String QUEUE = "orders";

	private final JobsContextRunner first = new JobsContextRunner();

	private final JobsContextRunner second = new JobsContextRunner();

	@AfterEach
	void cleanUp() {
		this.first.cleanUp();
		this.second.cleanUp();
	}

	@Test
	void neitherNamespaceSeesTheOthersJobsResultsOrDeadLetters() {
		worker(this.first, "first").run((first) -> worker(this.second, "second").run((second) -> {
			List<String> firstIds = enqueue(first, 20);
			List<String> secondIds = enqueue(second, 20);
			String firstFailure = first.getBean(Jobs.class).enqueue(NamespaceTasks::fail, "first").id();
			String secondFailure = second.getBean(Jobs.class).enqueue(NamespaceTasks::fail, "second").id();

			NamespaceTasks firstTasks = first.getBean(NamespaceTasks.class);
			NamespaceTasks secondTasks = second.getBean(NamespaceTasks.class);
			await().atMost(TIMEOUT).untilAsserted(() -> {
				assertThat(firstTasks.ran()).containsExactlyInAnyOrderElementsOf(firstIds);
				assertThat(secondTasks.ran()).containsExactlyInAnyOrderElementsOf(secondIds);
			});
			assertThat(results(first, this.first)).containsAll(firstIds).doesNotContainAnyElementsOf(secondIds);
			assertThat(results(second, this.second)).containsAll(secondIds).doesNotContainAnyElementsOf(firstIds);
			assertThat(awaitDeadLetters(first)).containsExactly(firstFailure);
			assertThat(awaitDeadLetters(second)).containsExactly(secondFailure);
		}));
	}

	private static ApplicationContextRunner worker(JobsContextRunner runner, String name) {
		return runner.worker()
			.withConfiguration(AutoConfigurations.of(JobsOperationsAutoConfiguration.class))
			.withPropertyValues("jobs.default-queue=" + QUEUE, "jobs.worker.queues=" + QUEUE,
					"jobs.retry.default.max-attempts=1")
			.withBean(NamespaceTasks.class, () -> new NamespaceTasks(name));
	}

	private static List<String> enqueue(AssertableApplicationContext context, int count) {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ids.add(context.getBean(Jobs.class).enqueue(NamespaceTasks::record, "job-" + i).id());
		}
		return ids;
	}

	/** The ids of the result records under the runner's key prefix. */
	private static Set<String> results(AssertableApplicationContext context, JobsContextRunner runner) {
		StringRedisTemplate redis = new StringRedisTemplate(context.getBean(RedisConnectionFactory.class));
		String start = new RedisKeys(runner.keyPrefix()).result("");
		Set<String> keys = redis.keys(start + "*");
		return keys.stream().map((key) -> key.substring(start.length())).collect(Collectors.toSet());
	}

	private static List<String> awaitDeadLetters(AssertableApplicationContext context) {
		DeadLetterQueue deadLetters = context.getBean(DeadLetterQueue.class);
		List<String> ids = new ArrayList<>();
		await().atMost(TIMEOUT).until(() -> {
			ids.clear();
			deadLetters.browse(DeadLetterQuery.first(100))
				.stream()
				.map(DeadLetterEntry::jobId)
				.forEach(ids::add);
			return !ids.isEmpty();
		});
		return ids;
	}

	/**
	 * The same tasks in both applications, each recording which jobs it ran.
	 */
	static class NamespaceTasks {

		private final String name;

		private final List<String> ran = new CopyOnWriteArrayList<>();

		NamespaceTasks(String name) {
			this.name = name;
		}

		@BackgroundTask(name = "ns-record")
		String record(String text) {
			this.ran.add(JobContext.current().jobId());
			return this.name + ":" + text;
		}

		@BackgroundTask(name = "ns-fail")
		void fail(String text) {
			throw new IllegalStateException("failed in " + this.name + ": " + text);
		}

		List<String> ran() {
			return this.ran;
		}

	}

}
