package dev.jobs.core.retry;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.BackgroundTask;
import dev.jobs.FailureReason;
import dev.jobs.JobContext;
import dev.jobs.JobFailedException;
import dev.jobs.JobFailure;
import dev.jobs.JobFailureListener;
import dev.jobs.JobHandle;
import dev.jobs.JobStatus;
import dev.jobs.Jobs;
import dev.jobs.JobsContextRunner;
import dev.jobs.LocalBroker;
import dev.jobs.RetryJob;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Failed jobs are retried on the schedule their policy gives, through the broker's delay
 * levels, and land in the dead-letter queue when the policy gives up.
 */
class RetryIntegrationTests {

	private static final long TOLERANCE_MILLIS = 1_500;

	private final JobsContextRunner runner = new JobsContextRunner();

	@AfterEach
	void cleanUp() {
		this.runner.cleanUp();
	}

	@Test
	void taskFailingTwiceThenSucceedingFinishesOnTheThirdAttemptWithBackoffGaps() {
		worker().run((context) -> {
				FlakyTasks tasks = context.getBean(FlakyTasks.class);
				JobHandle<String> handle = context.getBean(Jobs.class).enqueue(FlakyTasks::failTwice, "hook-1");

				assertThat(handle.await(Duration.ofSeconds(30))).isEqualTo("delivered hook-1 on attempt 3");
				assertThat(handle.snapshot().attempts()).isEqualTo(3);
				assertThat(handle.snapshot().error()).isNull();
				assertGaps(tasks.attemptTimes("hook-1"), 1_000, 2_000);
			});
	}

	@Test
	void explicitDelaysAreFollowedAndExhaustedRetriesEndInTheDeadLetterQueueAndTellTheListener() {
		worker()
			.withPropertyValues("jobs.retry.policies.listed.delays=1s,2s", "jobs.retry.policies.listed.jitter=false",
					"jobs.tasks[FlakyTasks.alwaysFail].retry=listed")
			.run((context) -> {
				FlakyTasks tasks = context.getBean(FlakyTasks.class);
				JobHandle<String> handle = context.getBean(Jobs.class).enqueue(FlakyTasks::alwaysFail, "hook-2");

				assertThatExceptionOfType(JobFailedException.class).isThrownBy(() -> handle.await(Duration.ofSeconds(30)))
					.satisfies((ex) -> {
						assertThat(ex.getStatus()).isEqualTo(JobStatus.FAILURE);
						assertThat(ex.getError().type()).isEqualTo(IOException.class.getName());
						assertThat(ex.getError().message()).isEqualTo("endpoint down for hook-2");
					});
				assertThat(handle.snapshot().attempts()).isEqualTo(3);
				assertGaps(tasks.attemptTimes("hook-2"), 1_000, 2_000);
				List<JobFailure> failures = context.getBean(RecordingFailureListener.class).failures();
				assertThat(failures).singleElement().satisfies((failure) -> {
					assertThat(failure.jobId()).isEqualTo(handle.id());
					assertThat(failure.reason()).isEqualTo(FailureReason.RETRIES_EXHAUSTED);
					assertThat(failure.attempts()).isEqualTo(3);
				});
				LocalBroker.Letter letter = await().atMost(Duration.ofSeconds(10))
					.until(() -> this.runner.deadLetters(), (letters) -> letters.size() == 1)
					.get(0);
				assertThat(letter.header("x-jobs-id")).isEqualTo(handle.id());
				assertThat(letter.header("x-jobs-task")).isEqualTo("FlakyTasks.alwaysFail");
				assertThat(letter.header("x-jobs-queue")).isEqualTo(this.runner.queue());
				assertThat(letter.header("x-jobs-reason")).isEqualTo("RETRIES_EXHAUSTED");
				assertThat(letter.header("x-jobs-attempts")).isEqualTo("3");
				assertThat(letter.header("x-jobs-error-type")).isEqualTo(IOException.class.getName());
				assertThat(letter.header("x-jobs-error-message")).isEqualTo("endpoint down for hook-2");
				assertThat(letter.header("x-jobs-stack-trace")).contains("FlakyTasks.alwaysFail");
				Instant first = Instant.parse(letter.header("x-jobs-first-failed-at"));
				Instant last = Instant.parse(letter.header("x-jobs-failed-at"));
				assertThat(Duration.between(first, last).toMillis()).isCloseTo(3_000, within(TOLERANCE_MILLIS));
				assertThat(letter.body()).contains("\"args\":[\"hook-2\"]");
			});
	}

	@Test
	void retryJobAfterOverridesTheBackoff() {
		worker()
			.withPropertyValues("jobs.retry.default.initial-delay=10m", "jobs.retry.default.jitter=false")
			.run((context) -> {
				FlakyTasks tasks = context.getBean(FlakyTasks.class);
				JobHandle<String> handle = context.getBean(Jobs.class).enqueue(FlakyTasks::askForRetry, "hook-3");

				assertThat(handle.await(Duration.ofSeconds(30))).isEqualTo("hook-3 after 2 attempts");
				assertGaps(tasks.attemptTimes("hook-3"), 2_000);
			});
	}

	@Test
	void exceptionInNoRetryOnGoesStraightToTheDeadLetterQueue() {
		worker()
			.withPropertyValues("jobs.retry.default.no-retry-on=java.lang.IllegalStateException")
			.run((context) -> {
				FlakyTasks tasks = context.getBean(FlakyTasks.class);
				JobHandle<String> handle = context.getBean(Jobs.class).enqueue(FlakyTasks::decline, "hook-4");

				assertThatExceptionOfType(JobFailedException.class)
					.isThrownBy(() -> handle.await(Duration.ofSeconds(20)));
				assertThat(tasks.attemptTimes("hook-4")).hasSize(1);
				assertThat(this.runner.deadLetters()).singleElement()
					.satisfies((letter) -> assertThat(letter.header("x-jobs-reason")).isEqualTo("NOT_RETRYABLE"));
			});
	}

	/**
	 * A worker with the tasks, which name a policy 'quick' that every context must define.
	 */
	private ApplicationContextRunner worker() {
		return this.runner.worker()
			.withPropertyValues("jobs.retry.policies.quick.max-attempts=5", "jobs.retry.policies.quick.initial-delay=1s",
					"jobs.retry.policies.quick.multiplier=2", "jobs.retry.policies.quick.jitter=false")
			.withUserConfiguration(TaskConfiguration.class);
	}

	private static void assertGaps(List<Instant> attempts, long... expectedGapsMillis) {
		assertThat(attempts).hasSize(expectedGapsMillis.length + 1);
		for (int i = 0; i < expectedGapsMillis.length; i++) {
			long gap = Duration.between(attempts.get(i), attempts.get(i + 1)).toMillis();
			assertThat(gap).as("gap before attempt %d", i + 2).isCloseTo(expectedGapsMillis[i], within(TOLERANCE_MILLIS));
		}
	}

	static class FlakyTasks {

		private final Map<String, List<Instant>> attempts = new ConcurrentHashMap<>();

		List<Instant> attemptTimes(String key) {
			return this.attempts.getOrDefault(key, List.of());
		}

		private int attempt(String key) {
			this.attempts.computeIfAbsent(key, (k) -> new CopyOnWriteArrayList<>()).add(Instant.now());
			return JobContext.current().attempt();
		}

		@BackgroundTask(retry = "quick")
		String failTwice(String hook) throws IOException {
			int attempt = attempt(hook);
			if (attempt < 3) {
				throw new IOException("endpoint down for " + hook);
			}
			return "delivered " + hook + " on attempt " + attempt;
		}

		@BackgroundTask
		String alwaysFail(String hook) throws IOException {
			attempt(hook);
			throw new IOException("endpoint down for " + hook);
		}

		@BackgroundTask
		String askForRetry(String hook) {
			int attempt = attempt(hook);
			if (attempt == 1) {
				throw RetryJob.after(Duration.ofSeconds(2), new IOException("rate limited"));
			}
			return hook + " after " + attempt + " attempts";
		}

		@BackgroundTask
		String decline(String hook) {
			attempt(hook);
			throw new IllegalStateException("card declined for " + hook);
		}

	}

	static class RecordingFailureListener implements JobFailureListener {

		private final List<JobFailure> failures = new CopyOnWriteArrayList<>();

		@Override
		public void onFailure(JobFailure failure) {
			this.failures.add(failure);
		}

		List<JobFailure> failures() {
			return this.failures;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TaskConfiguration {

		@Bean
		FlakyTasks flakyTasks() {
			return new FlakyTasks();
		}

		@Bean
		RecordingFailureListener recordingFailureListener() {
			return new RecordingFailureListener();
		}

	}

}
