package dev.jobs.timelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.BackgroundTask;
import dev.jobs.FailureReason;
import dev.jobs.JobFailedException;
import dev.jobs.JobHandle;
import dev.jobs.JobSnapshot;
import dev.jobs.JobStatus;
import dev.jobs.JobTimeoutException;
import dev.jobs.Jobs;
import dev.jobs.JobsContextRunner;
import dev.jobs.LocalBroker;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Time limits against the real RabbitMQ and Redis: a run past its task's limit is interrupted and
 * fails with {@link JobTimeoutException}, which its retry policy retries; its record says
 * {@code timed_out}; with no attempt left it is dead-lettered as {@code TIMED_OUT}.
 */
class TimeLimitIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final JobsContextRunner jobs = new JobsContextRunner();

	@AfterEach
	void cleanUp() {
		Tasks.RUNS.set(0);
		this.jobs.cleanUp();
	}

	@Test
	void runPastItsLimitIsInterruptedAndRetried() {
		worker().run((context) -> {
			JobHandle<String> handle = context.getBean(Jobs.class).enqueue(Tasks::slowOnce, "report-7");

			JobSnapshot<String> retrying = await().atMost(TIMEOUT)
				.until(handle::snapshot, (snapshot) -> snapshot.status() == JobStatus.RETRYING);
			assertThat(retrying.reason()).isEqualTo("timed_out");
			assertThat(retrying.error().type()).isEqualTo(JobTimeoutException.class.getName());
			assertThat(retrying.error().message()).contains("'slow-once'").contains("PT1S");

			assertThat(handle.await(TIMEOUT)).isEqualTo("built report-7 on attempt 2");
			assertThat(Tasks.RUNS.get()).isEqualTo(2);
		});
	}

	@Test
	void limitFromConfigurationEndsTheLastAttemptInTheDeadLetterQueue() {
		worker().withPropertyValues("jobs.tasks.[always-slow].timeout=1s", "jobs.tasks.[always-slow].retry=once",
				"jobs.retry.policies.once.max-attempts=1")
			.run((context) -> {
				JobHandle<String> handle = context.getBean(Jobs.class).enqueue(Tasks::alwaysSlow, "report-8");

				assertThatExceptionOfType(JobFailedException.class).isThrownBy(() -> handle.await(TIMEOUT));
				assertThat(handle.snapshot().reason()).isEqualTo("timed_out");
				assertThat(handle.snapshot().error().type()).isEqualTo(JobTimeoutException.class.getName());
				await().atMost(TIMEOUT).until(() -> this.jobs.deadLetters().size() == 1);
				LocalBroker.Letter letter = this.jobs.deadLetters().get(0);
				assertThat(letter.headers().get("x-jobs-reason")).hasToString(FailureReason.TIMED_OUT.name());
				assertThat(Tasks.RUNS.get()).isOne();
			});
	}

	private ApplicationContextRunner worker() {
		return this.jobs.worker()
			.withUserConfiguration(TaskConfiguration.class)
			.withPropertyValues("jobs.retry.default.initial-delay=1s", "jobs.retry.default.jitter=false");
	}

	@Configuration(proxyBeanMethods = false)
	static class TaskConfiguration {

		@Bean
		Tasks tasks() {
			return new Tasks();
		}

	}

	static class Tasks {

		static final AtomicInteger RUNS = new AtomicInteger();

		@BackgroundTask(name = "slow-once", timeout = "1s")
		String slowOnce(String report) throws InterruptedException {
			int run = RUNS.incrementAndGet();
			if (run == 1) {
				Thread.sleep(30_000);
			}
			return "built " + report + " on attempt " + run;
		}

		@BackgroundTask(name = "always-slow")
		String alwaysSlow(String report) throws InterruptedException {
			RUNS.incrementAndGet();
			Thread.sleep(30_000);
			return "never";
		}

	}

}
