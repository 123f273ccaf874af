package dev.jobs.flowcontrol;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.BackgroundTask;
import dev.jobs.JobHandle;
import dev.jobs.JobOptions;
import dev.jobs.JobRequest;
import dev.jobs.Jobs;
import dev.jobs.JobsContextRunner;
import dev.jobs.LocalBroker;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On a queue declared with a max-priority, a backlog of mixed priorities is taken highest first
 * by one consumer with a prefetch of 1; the task's own priority applies unless the enqueue gives
 * one.
 */
class PriorityIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final List<Integer> RAN = new CopyOnWriteArrayList<>();

	private final JobsContextRunner jobs = new JobsContextRunner();

	@AfterEach
	void cleanUp() {
		RAN.clear();
		this.jobs.cleanUp();
	}

	@Test
	void backlogOfMixedPrioritiesRunsHighestFirst() {
		List<JobHandle<Object>> handles = new ArrayList<>();
		withPriorityQueue(this.jobs.producer()).run((producer) -> {
			Jobs jobs = producer.getBean(Jobs.class);
			for (int priority : new int[] { 1, 9, 5, 1, 9, 5, 1, 9, 5 }) {
				handles.add(jobs.enqueueAll(List.of(new JobRequest("prioritized", List.of(priority),
						JobOptions.defaults().priority(priority)))).get(0));
			}
			// The task's own priority, 7, where the enqueue gives none.
			handles.add(jobs.enqueue("prioritized", 7));
			await().atMost(TIMEOUT).until(() -> LocalBroker.messageCount(this.jobs.brokerQueue()) == 10);
		});
		withPriorityQueue(this.jobs.worker()).run((worker) -> {
			handles.forEach((handle) -> worker.getBean(Jobs.class).handle(handle.id()).await(TIMEOUT));

			assertThat(RAN).containsExactly(9, 9, 9, 7, 5, 5, 5, 1, 1, 1);
		});
	}

	private ApplicationContextRunner withPriorityQueue(ApplicationContextRunner runner) {
		String queue = "jobs.queues." + this.jobs.queue();
		return runner.withUserConfiguration(TaskConfiguration.class)
			.withPropertyValues(queue + ".type=classic", queue + ".max-priority=10", queue + ".concurrency=1",
					queue + ".prefetch=1");
	}

	@Configuration(proxyBeanMethods = false)
	static class TaskConfiguration {

		@Bean
		Tasks tasks() {
			return new Tasks();
		}

	}

	static class Tasks {

		@BackgroundTask(name = "prioritized", priority = 7)
		void prioritized(int priority) {
			RAN.add(priority);
		}

	}

}
