package dev.jobs.cancel;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.BackgroundTask;
import dev.jobs.JobContext;
import dev.jobs.JobFailedException;
import dev.jobs.JobHandle;
import dev.jobs.JobOptions;
import dev.jobs.JobStatus;
import dev.jobs.Jobs;
import dev.jobs.JobsContextRunner;
import dev.jobs.workflow.WorkflowFailedException;
import dev.jobs.workflow.WorkflowHandle;
import dev.jobs.workflow.WorkflowStatus;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static dev.jobs.workflow.Workflows.chain;
import static dev.jobs.workflow.Workflows.sig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Cancellation against the real RabbitMQ and Redis: a delayed job is skipped when it comes due,
 * a running one is interrupted on the instance that runs it, and a workflow's cancel fails it
 * and stops what follows.
 */
class CancellationIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final JobsContextRunner jobs = new JobsContextRunner();

	@AfterEach
	void cleanUp() {
		Tasks.reset();
		this.jobs.cleanUp();
	}

	@Test
	void delayedJobCancelledBeforeItIsDueIsSkippedWithoutRunning() {
		worker().run((context) -> {
			Jobs jobs = context.getBean(Jobs.class);
			JobOptions inTwoSeconds = JobOptions.defaults().delay(Duration.ofSeconds(2));
			JobHandle<String> cancelled = jobs.with(inTwoSeconds).enqueue(Tasks::record, "cancelled");
			// Enqueued after it with the same delay, so it arrives after it through the same delay levels.
			JobHandle<String> after = jobs.with(inTwoSeconds).enqueue(Tasks::record, "after");

			cancelled.cancel();

			// CANCELLED at once when the cancel comes well before the job is due, else when its
			// worker skips it: a slow machine may take the second either way.
			await().atMost(TIMEOUT).until(() -> cancelled.status() == JobStatus.CANCELLED);
			assertThat(after.await(TIMEOUT)).isEqualTo("recorded after");
			assertThat(Tasks.RECORDED.get()).isOne();
			assertThat(cancelled.snapshot().attempts()).isZero();
			assertThat(cancelled.snapshot().reason()).isEqualTo("cancelled");
			assertThatExceptionOfType(JobFailedException.class).isThrownBy(() -> cancelled.await(TIMEOUT))
				.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(JobStatus.CANCELLED));
		});
	}

	@Test
	void runningJobIsInterruptedOnTheInstanceThatRunsItAndNotRetried() {
		worker().run((first) -> worker().run((second) -> {
			JobHandle<Integer> handle = first.getBean(Jobs.class).enqueue(Tasks::hold, 7);
			await().atMost(TIMEOUT).until(() -> Tasks.HELD.get() == 1);

			second.getBean(Jobs.class).cancel(handle.id());

			await().atMost(TIMEOUT).until(() -> handle.status() == JobStatus.CANCELLED);
			await().atMost(TIMEOUT).until(() -> Tasks.INTERRUPTED.get() == 1);
			assertThat(handle.snapshot().attempts()).isOne();
			assertThat(Tasks.HELD.get()).isOne();
		}));
	}

	@Test
	void busyLoopThatChecksItsCheckpointStopsWhenCancelled() {
		worker().run((context) -> {
			Jobs jobs = context.getBean(Jobs.class);
			JobHandle<Long> handle = jobs.enqueue(Tasks::spin, 1L);
			await().atMost(TIMEOUT).until(() -> Tasks.SPINNING.get() == 1);

			jobs.cancel(handle.id());

			await().atMost(TIMEOUT).until(() -> handle.status() == JobStatus.CANCELLED);
			await().atMost(TIMEOUT).until(() -> Tasks.SPINNING.get() == 0);
		});
	}

	@Test
	void cancellingAWorkflowFailsItAndStopsWhatFollows() {
		worker().run((context) -> {
			Jobs jobs = context.getBean(Jobs.class);
			WorkflowHandle<String> workflow = jobs.submit(chain(sig(Tasks::hold, 3), sig(Tasks::describe)));
			await().atMost(TIMEOUT).until(() -> Tasks.HELD.get() == 1);

			jobs.cancel(workflow.id());

			assertThatExceptionOfType(WorkflowFailedException.class).isThrownBy(() -> workflow.await(TIMEOUT))
				.satisfies((ex) -> assertThat(ex.getFailure().error().type()).isEqualTo("CANCELLED"));
			assertThat(workflow.status()).isEqualTo(WorkflowStatus.FAILURE);
			assertThat(Tasks.DESCRIBED.get()).isZero();
		});
	}

	private ApplicationContextRunner worker() {
		return this.jobs.worker().withUserConfiguration(TaskConfiguration.class);
	}

	@Configuration(proxyBeanMethods = false)
	static class TaskConfiguration {

		@Bean
		Tasks tasks() {
			return new Tasks();
		}

	}

	static class Tasks {

		static final AtomicInteger RECORDED = new AtomicInteger();

		static final AtomicInteger HELD = new AtomicInteger();

		static final AtomicInteger INTERRUPTED = new AtomicInteger();

		static final AtomicInteger DESCRIBED = new AtomicInteger();

		static final AtomicInteger SPINNING = new AtomicInteger();

		static final CountDownLatch NEVER = new CountDownLatch(1);

		static void reset() {
			RECORDED.set(0);
			HELD.set(0);
			INTERRUPTED.set(0);
			DESCRIBED.set(0);
		}

		@BackgroundTask(name = "record")
		String record(String what) {
			RECORDED.incrementAndGet();
			return "recorded " + what;
		}

		@BackgroundTask(name = "hold")
		int hold(int n) throws InterruptedException {
			HELD.incrementAndGet();
			try {
				NEVER.await(60, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				INTERRUPTED.incrementAndGet();
				throw ex;
			}
			return n;
		}

		@BackgroundTask(name = "spin")
		long spin(long step) {
			SPINNING.incrementAndGet();
			try {
				long turns = 0;
				// Never blocks, so only the checkpoint can stop it.
				while (turns >= 0) {
					turns += step;
					JobContext.current().checkpoint();
				}
				return turns;
			}
			finally {
				SPINNING.decrementAndGet();
			}
		}

		@BackgroundTask(name = "describe")
		String describe(int n) {
			DESCRIBED.incrementAndGet();
			return "n = " + n;
		}

	}

}
