package dev.jobs.flowcontrol;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.BackgroundTask;
import dev.jobs.JobHandle;
import dev.jobs.JobStatus;
import dev.jobs.Jobs;
import dev.jobs.JobsContextRunner;
import dev.jobs.LocalBroker;
import dev.jobs.core.port.QueuePauses;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A queue paused in Redis stops both worker instances from taking its jobs within a few seconds,
 * enqueues still work, and once resumed every job runs, once.
 */
class QueuePauseIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final Map<Integer, AtomicInteger> RUNS = new ConcurrentHashMap<>();

	private final JobsContextRunner jobs = new JobsContextRunner();

	@AfterEach
	void cleanUp() {
		RUNS.clear();
		this.jobs.cleanUp();
	}

	@Test
	void pausedQueueIsNotConsumedByAnyInstanceUntilResumed() {
		worker().run((first) -> worker().run((second) -> {
			Jobs jobs = first.getBean(Jobs.class);
			jobs.enqueue("counted", 0).await(TIMEOUT);

			first.getBean(QueuePauses.class).set(this.jobs.queue(), true);
			// Both instances read the pause within a second; give them two.
			await().pollDelay(Duration.ofSeconds(2)).atMost(TIMEOUT).until(() -> true);
			List<JobHandle<Object>> waiting = new ArrayList<>();
			for (int n = 1; n <= 10; n++) {
				waiting.add(jobs.enqueue("counted", n));
			}
			await().pollDelay(Duration.ofSeconds(3)).atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(LocalBroker.messageCount(this.jobs.brokerQueue())).isEqualTo(10));
			assertThat(waiting).allSatisfy((handle) -> assertThat(handle.status()).isEqualTo(JobStatus.PENDING));

			second.getBean(QueuePauses.class).set(this.jobs.queue(), false);
			waiting.forEach((handle) -> handle.await(TIMEOUT));
			assertThat(RUNS).hasSize(11).allSatisfy((n, runs) -> assertThat(runs).hasValue(1));
		}));
	}

	private ApplicationContextRunner worker() {
		return this.jobs.worker()
			.withUserConfiguration(TaskConfiguration.class)
			.withPropertyValues("jobs.queues." + this.jobs.queue() + ".concurrency=2");
	}

	@Configuration(proxyBeanMethods = false)
	static class TaskConfiguration {

		@Bean
		Tasks tasks() {
			return new Tasks();
		}

	}

	static class Tasks {

		@BackgroundTask(name = "counted")
		int counted(int n) {
			RUNS.computeIfAbsent(n, (key) -> new AtomicInteger()).incrementAndGet();
			return n;
		}

	}

}
