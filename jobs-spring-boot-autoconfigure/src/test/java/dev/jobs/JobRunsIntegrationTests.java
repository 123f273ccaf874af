package dev.jobs;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.autoconfigure.JobsOperationsAutoConfiguration;
import dev.jobs.core.port.DeadLetterQuery;
import dev.jobs.core.port.DeadLetterQueue;
import dev.jobs.core.port.ResultRecord;
import dev.jobs.core.port.ResultStore;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A replay from the dead-letter queue starts a new run of the job: its record says so from the
 * replay's confirm on, so waiting for the job waits for the new run's end instead of returning
 * the old run's {@code FAILURE}.
 */
class JobRunsIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final JobsContextRunner jobs = new JobsContextRunner();

	@AfterEach
	void cleanUp() {
		this.jobs.cleanUp();
	}

	@Test
	void awaitAfterAReplayWaitsForTheNewRun() {
		this.jobs.worker()
			.withConfiguration(AutoConfigurations.of(JobsOperationsAutoConfiguration.class))
			.withUserConfiguration(TaskConfiguration.class)
			.run((context) -> {
				Jobs jobs = context.getBean(Jobs.class);
				FailsOnceTasks tasks = context.getBean(FailsOnceTasks.class);
				ResultStore results = context.getBean(ResultStore.class);
				JobHandle<String> handle = jobs.enqueue(FailsOnceTasks::failsOnce);
				assertThatExceptionOfType(JobFailedException.class).isThrownBy(() -> handle.await(TIMEOUT));

				DeadLetterQueue deadLetters = context.getBean(DeadLetterQueue.class);
				DeadLetterQuery thisJob = DeadLetterQuery.first(1).queue(this.jobs.queue()).ids(Set.of(handle.id()));
				// Another test's browse may hold the letter for a moment: replay until it is seen.
				await().atMost(TIMEOUT).until(() -> deadLetters.replay(thisJob).replayed() == 1);
				await().atMost(TIMEOUT).until(() -> results.find(handle.id()).map(ResultRecord::run).orElse(0) == 2);

				JobHandle<String> looked = jobs.handle(handle.id(), String.class);
				CompletableFuture<String> waiter = CompletableFuture.supplyAsync(() -> looked.await(TIMEOUT));
				await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> !waiter.isDone());
				assertThat(looked.status()).isIn(JobStatus.PENDING, JobStatus.STARTED);

				tasks.endSecondRun();
				assertThat(waiter.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("second run");
				assertThat(results.find(handle.id())).get()
					.extracting(ResultRecord::status, ResultRecord::run)
					.containsExactly(JobStatus.SUCCESS, 2);
				assertThat(tasks.runs()).isEqualTo(2);
			});
	}

	static class FailsOnceTasks {

		private final AtomicInteger runs = new AtomicInteger();

		private final CountDownLatch secondRunMayEnd = new CountDownLatch(1);

		@BackgroundTask(name = "runs-fails-once")
		String failsOnce() throws InterruptedException {
			if (this.runs.incrementAndGet() == 1) {
				throw new DiscardJob("the first run fails for good");
			}
			return this.secondRunMayEnd.await(30, TimeUnit.SECONDS) ? "second run" : "not released";
		}

		void endSecondRun() {
			this.secondRunMayEnd.countDown();
		}

		int runs() {
			return this.runs.get();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TaskConfiguration {

		@Bean
		FailsOnceTasks failsOnceTasks() {
			return new FailsOnceTasks();
		}

	}

}
