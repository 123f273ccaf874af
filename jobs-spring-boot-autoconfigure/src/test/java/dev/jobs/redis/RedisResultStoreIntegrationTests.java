package dev.jobs.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.BackgroundTask;
import dev.jobs.JobHandle;
import dev.jobs.JobStatus;
import dev.jobs.Jobs;
import dev.jobs.JobsContextRunner;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.envelope.JobsJsonMapper;
import dev.jobs.core.port.ResultRecord;
import dev.jobs.core.port.ResultStore;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a job costs Redis, counted at the connection factory of an application that enqueues and
 * runs it: a job that finishes within {@code jobs.results.started-after} costs one script call
 * for its {@code PENDING} record and one for its final record, and a job that runs longer reads
 * {@code STARTED} while it runs, at the cost of one call more.
 */
class RedisResultStoreIntegrationTests {

	private final JobsContextRunner jobs = new JobsContextRunner();

	private final ApplicationContextRunner runner = this.jobs.worker()
		.withUserConfiguration(CountingRedisConfiguration.class, TaskConfiguration.class)
		.withPropertyValues("jobs.results.started-after=500ms");

	@AfterEach
	void cleanUp() {
		this.jobs.cleanUp();
	}

	@Test
	void jobThatFinishesAtOnceGetsNoStartedRecordAndCostsTwoScriptCalls() {
		this.runner.run((context) -> {
			ScriptCountingConnectionFactory redis = context.getBean(ScriptCountingConnectionFactory.class);
			JobHandle<Integer> handle = context.getBean(Jobs.class).enqueue(Tasks::nothing);

			assertThat(handle.await(Duration.ofSeconds(20))).isZero();
			// Three times started-after: long enough for a STARTED record held back too long to show.
			await().during(Duration.ofMillis(1500))
				.atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> {
					assertThat(redis.scriptCalls()).isEqualTo(2);
					assertThat(handle.status()).isEqualTo(JobStatus.SUCCESS);
				});
		});
	}

	@Test
	void jobRunningLongerThanStartedAfterReadsStartedWhileItRuns() {
		this.runner.run((context) -> {
			ScriptCountingConnectionFactory redis = context.getBean(ScriptCountingConnectionFactory.class);
			Tasks tasks = context.getBean(Tasks.class);
			JobHandle<Integer> handle = context.getBean(Jobs.class).enqueue(Tasks::untilReleased);

			await().atMost(Duration.ofSeconds(20)).until(handle::status, JobStatus.STARTED::equals);
			assertThat(handle.snapshot().startedAt()).isNotNull();
			tasks.release();

			assertThat(handle.await(Duration.ofSeconds(20))).isEqualTo(1);
			assertThat(handle.status()).isEqualTo(JobStatus.SUCCESS);
			assertThat(redis.scriptCalls()).isEqualTo(3);
		});
	}

	@Test
	void scriptsRedisHasForgottenAreLoadedAgainOnTheNextCall() {
		this.runner.run((context) -> {
			Jobs jobs = context.getBean(Jobs.class);
			assertThat(jobs.enqueue(Tasks::nothing).await(Duration.ofSeconds(20))).isZero();
			try (RedisConnection connection = context.getBean(ScriptCountingConnectionFactory.class).getConnection()) {
				connection.scriptingCommands().scriptFlush();
			}

			JobHandle<Integer> afterFlush = jobs.enqueue(Tasks::nothing);

			assertThat(afterFlush.await(Duration.ofSeconds(20))).isZero();
			assertThat(afterFlush.status()).isEqualTo(JobStatus.SUCCESS);
		});
	}

	@Test
	void recordsOfManyJobsFinishingTogetherAreEachStoredAndAnnouncedWithFewerScriptCalls() {
		int threads = 32;
		int perThread = 50;
		this.runner.run((context) -> {
			ScriptCountingConnectionFactory redis = context.getBean(ScriptCountingConnectionFactory.class);
			ResultStore store = context.getBean(ResultStore.class);
			String awaited = "awaited-" + UUID.randomUUID();
			CompletableFuture<Optional<ResultRecord>> waiter = CompletableFuture
				.supplyAsync(() -> store.awaitTerminal(awaited, Duration.ofSeconds(20)));
			int before = redis.scriptCalls();
			List<String> ids = new ArrayList<>();
			ExecutorService pool = Executors.newFixedThreadPool(threads);
			try {
				List<Future<?>> writers = new ArrayList<>();
				for (int t = 0; t < threads; t++) {
					List<String> mine = new ArrayList<>();
					for (int i = 0; i < perThread; i++) {
						mine.add((t == 0 && i == perThread - 1) ? awaited : UUID.randomUUID().toString());
					}
					ids.addAll(mine);
					writers.add(pool.submit(() -> mine.forEach((id) -> store.record(success(id)))));
				}
				for (Future<?> writer : writers) {
					writer.get(30, TimeUnit.SECONDS);
				}
			}
			finally {
				pool.shutdown();
			}

			assertThat(ids).allSatisfy((id) -> assertThat(store.find(id)).get()
				.extracting(ResultRecord::status)
				.isEqualTo(JobStatus.SUCCESS));
			assertThat(waiter.get(20, TimeUnit.SECONDS)).get().extracting(ResultRecord::id).isEqualTo(awaited);
			assertThat(redis.scriptCalls() - before).isLessThan(threads * perThread);
		});
	}

	@Test
	void awaitThatMissedTheAnnouncementReadsTheRecordOnceMoreBeforeItTimesOut() {
		this.runner.run((context) -> {
			ScriptCountingConnectionFactory redis = context.getBean(ScriptCountingConnectionFactory.class);
			RedisKeys keys = new RedisKeys(this.jobs.keyPrefix());
			String id = UUID.randomUUID().toString();
			JobHandle<Integer> handle = context.getBean(Jobs.class).handle(id, Integer.class);
			CompletableFuture<Integer> waiter = CompletableFuture.supplyAsync(() -> handle.await(Duration.ofSeconds(2)));
			await().atMost(Duration.ofSeconds(10)).until(() -> Subscribers.of(redis, keys.done(id)) > 0);

			// Stored as a worker stores it, but without the announcement: as a waiter sees it
			// whose subscription dropped at that moment.
			byte[] record = new ResultRecordCodec(JobsJsonMapper.create()).encode(success(id).result(IntNode.valueOf(7)));
			new StringRedisTemplate(redis).opsForValue()
				.set(keys.result(id), new String(record, StandardCharsets.UTF_8), Duration.ofMinutes(1));

			assertThat(waiter.get(20, TimeUnit.SECONDS)).isEqualTo(7);
		});
	}

	private static ResultRecord success(String id) {
		Instant now = Instant.now();
		JobEnvelope job = JobEnvelope.first(id, "Tasks.nothing", "q", JsonNodeFactory.instance.arrayNode(), now);
		return ResultRecord.of(job, job.queue(), JobStatus.SUCCESS)
			.startedAt(now)
			.finishedAt(now)
			.result(IntNode.valueOf(0));
	}

	static class Tasks {

		private final CountDownLatch released = new CountDownLatch(1);

		void release() {
			this.released.countDown();
		}

		@BackgroundTask
		int nothing() {
			return 0;
		}

		@BackgroundTask
		int untilReleased() throws InterruptedException {
			return this.released.await(30, TimeUnit.SECONDS) ? 1 : 0;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TaskConfiguration {

		@Bean
		Tasks tasks() {
			return new Tasks();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CountingRedisConfiguration {

		@Bean
		ScriptCountingConnectionFactory redisConnectionFactory() {
			return new ScriptCountingConnectionFactory();
		}

	}

}
