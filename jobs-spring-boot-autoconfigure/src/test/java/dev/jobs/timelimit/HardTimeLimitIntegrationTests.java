package dev.jobs.timelimit;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.jobs.BackgroundTask;
import dev.jobs.JobFailedException;
import dev.jobs.JobHandle;
import dev.jobs.JobStatus;
import dev.jobs.JobTimeoutException;
import dev.jobs.Jobs;
import dev.jobs.JobsContextRunner;
import dev.jobs.autoconfigure.JobsHealthContributorAutoConfiguration;
import dev.jobs.autoconfigure.JobsOperationsAutoConfiguration;
import dev.jobs.core.execution.RunningJobs;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The hard time limit against the real RabbitMQ and Redis: a task that ignores its interrupt is
 * abandoned a grace after its limit, its attempt fails as a timeout, the queue's only slot runs
 * the next job on a new thread, and the stuck thread turns the instance's health {@code DOWN}
 * until it comes back; what it comes back with is not settled a second time.
 */
class HardTimeLimitIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final JobsContextRunner jobs = new JobsContextRunner();

	@BeforeEach
	void holdStubbornTasks() {
		Tasks.hold();
	}

	@AfterEach
	void cleanUp() {
		Tasks.release();
		this.jobs.cleanUp();
	}

	@Test
	void jobIgnoringItsInterruptIsAbandonedAndItsSlotRunsTheNextJob() {
		worker().run((context) -> {
			Jobs jobs = context.getBean(Jobs.class);
			RunningJobs running = context.getBean(RunningJobs.class);
			HealthIndicator health = context.getBean("jobsHealthIndicator", HealthIndicator.class);
			JobHandle<String> stubborn = jobs.enqueue(Tasks::stubborn, "ledger-1");
			JobHandle<String> next = jobs.enqueue(Tasks::quick, "ledger-2");

			assertThatExceptionOfType(JobFailedException.class).isThrownBy(() -> stubborn.await(TIMEOUT));
			assertThat(stubborn.snapshot().reason()).isEqualTo("timed_out");
			assertThat(stubborn.snapshot().error().type()).isEqualTo(JobTimeoutException.class.getName());
			assertThat(stubborn.snapshot().error().message()).contains("abandoned");
			// One consumer on the queue, whose thread is stuck: the next job ran on its replacement.
			assertThat(next.await(TIMEOUT)).isEqualTo("quick ledger-2");
			assertThat(running.stuck()).isOne();
			Health down = health.health();
			assertThat(down.getStatus()).isEqualTo(Status.DOWN);
			assertThat(down.getDetails()).containsEntry("stuckThreads", 1);

			Tasks.release();

			await().atMost(TIMEOUT).until(() -> running.stuck() == 0);
			assertThat(health.health().getStatus()).isEqualTo(Status.UP);
			assertThat(stubborn.status()).isEqualTo(JobStatus.FAILURE);
			assertThat(Tasks.STUBBORN_RUNS.get()).isOne();
		});
	}

	@Test
	void tasksOwnHardTimeoutAbandonsItsRunInsteadOfTheGrace() {
		// Under the four-minute grace the run would outlast the wait; its own hard timeout does not.
		worker().withPropertyValues("jobs.worker.hard-timeout-grace=4m", "jobs.tasks.stubborn.hard-timeout=3s")
			.run((context) -> {
				JobHandle<String> stubborn = context.getBean(Jobs.class).enqueue(Tasks::stubborn, "ledger-3");

				assertThatExceptionOfType(JobFailedException.class).isThrownBy(() -> stubborn.await(TIMEOUT));
				assertThat(stubborn.snapshot().error().message()).contains("abandoned").contains("PT2S");
				Tasks.release();
			});
	}

	@Test
	void workerWhoseTaskMayOutlastTheBrokersConsumerTimeoutDoesNotStart() {
		// The broker here is older than 3.12, so the configured consumer timeout is what counts.
		worker().withPropertyValues("jobs.rabbit.consumer-timeout=2m", "jobs.tasks.quick.timeout=5m")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("'quick'")
				.hasMessageContaining("consumer_timeout of PT2M"));
	}

	private ApplicationContextRunner worker() {
		return this.jobs.worker()
			.withConfiguration(AutoConfigurations.of(JobsOperationsAutoConfiguration.class,
					JobsHealthContributorAutoConfiguration.class))
			.withUserConfiguration(TaskConfiguration.class)
			.withPropertyValues("jobs.queues.[" + this.jobs.queue() + "].concurrency=1",
					"jobs.worker.hard-timeout-grace=1s", "jobs.worker.max-stuck=0",
					"jobs.tasks.stubborn.retry=once", "jobs.retry.policies.once.max-attempts=1",
					"jobs.actuate.health-timeout=30s");
	}

	@Configuration(proxyBeanMethods = false)
	static class TaskConfiguration {

		@Bean
		Tasks tasks() {
			return new Tasks();
		}

	}

	static class Tasks {

		static final AtomicInteger STUBBORN_RUNS = new AtomicInteger();

		private static volatile CountDownLatch released = new CountDownLatch(1);

		static void hold() {
			STUBBORN_RUNS.set(0);
			released = new CountDownLatch(1);
		}

		static void release() {
			released.countDown();
		}

		@BackgroundTask(name = "stubborn", timeout = "1s")
		String stubborn(String ledger) {
			STUBBORN_RUNS.incrementAndGet();
			CountDownLatch latch = released;
			// Swallows every interrupt, as a task stuck in uninterruptible I/O would.
			while (latch.getCount() > 0) {
				try {
					latch.await();
				}
				catch (InterruptedException ex) {
					// ignored on purpose
				}
			}
			return "stubborn " + ledger;
		}

		@BackgroundTask(name = "quick")
		String quick(String ledger) {
			return "quick " + ledger;
		}

	}

}
