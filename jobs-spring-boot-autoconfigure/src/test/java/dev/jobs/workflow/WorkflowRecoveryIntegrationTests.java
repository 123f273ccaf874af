package dev.jobs.workflow;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.rabbitmq.client.AMQP;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.BackgroundTask;
import dev.jobs.DiscardJob;
import dev.jobs.JobOptions;
import dev.jobs.JobStatus;
import dev.jobs.Jobs;
import dev.jobs.JobsContextRunner;
import dev.jobs.LocalBroker;
import dev.jobs.autoconfigure.JobsOperationsAutoConfiguration;
import dev.jobs.core.port.DeadLetterQuery;
import dev.jobs.core.port.DeadLetterQueue;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static dev.jobs.workflow.Workflows.chain;
import static dev.jobs.workflow.Workflows.chord;
import static dev.jobs.workflow.Workflows.sig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * What becomes of a workflow after a failure: a replay from the dead-letter queue revives a
 * chord only where the chord allows it, state that expires reads as expired, and a step's own
 * retry policy overrides its task's.
 */
class WorkflowRecoveryIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	private final JobsContextRunner jobs = new JobsContextRunner();

	@AfterEach
	void cleanUp() {
		Tasks.reset();
		this.jobs.cleanUp();
	}

	@Test
	void replayedHeaderJobRevivesAChordBuiltToBeRevived() {
		worker().run((context) -> {
			Jobs jobs = context.getBean(Jobs.class);
			WorkflowHandle<Integer> handle = jobs.submit(
					chord(List.of(sig(Tasks::once, 1), sig(Tasks::failsFirstRun, 2)), sig(Tasks::total)).reviveOnReplay());
			assertThatExceptionOfType(WorkflowFailedException.class).isThrownBy(() -> handle.await(TIMEOUT));
			String failedJob = handle.snapshot().failure().jobId();

			replay(context.getBean(DeadLetterQueue.class), failedJob);

			await().atMost(TIMEOUT).until(() -> handle.status() == WorkflowStatus.SUCCESS);
			assertThat(handle.await(TIMEOUT)).isEqualTo(3);
			assertThat(Tasks.TOTALS.get()).isOne();
		});
	}

	@Test
	void replayedHeaderJobOfAChordNotBuiltToBeRevivedStartsNothing() {
		worker().run((context) -> {
			Jobs jobs = context.getBean(Jobs.class);
			WorkflowHandle<Integer> handle = jobs.submit(
					chord(List.of(sig(Tasks::once, 1), sig(Tasks::failsFirstRun, 2)), sig(Tasks::total)));
			assertThatExceptionOfType(WorkflowFailedException.class).isThrownBy(() -> handle.await(TIMEOUT));
			String failedJob = handle.snapshot().failure().jobId();

			replay(context.getBean(DeadLetterQueue.class), failedJob);

			await().atMost(TIMEOUT).until(() -> jobs.handle(failedJob).status() == dev.jobs.JobStatus.SUCCESS);
			assertThat(handle.status()).isEqualTo(WorkflowStatus.FAILURE);
			assertThat(handle.progress().done()).isEqualTo(2);
			assertThat(Tasks.TOTALS.get()).isZero();
		});
	}

	@Test
	void workflowWhoseStateExpiredReadsAsExpiredNeverAsRunning() {
		worker().withPropertyValues("jobs.results.ttl=2s").run((context) -> {
			WorkflowHandle<Integer> handle = context.getBean(Jobs.class)
				.submit(chain(sig(Tasks::held, 1), sig(Tasks::total)));
			await().atMost(TIMEOUT).until(() -> Tasks.HELD.get() == 1);
			assertThat(handle.status()).isEqualTo(WorkflowStatus.RUNNING);

			await().atMost(TIMEOUT).until(() -> handle.status() == WorkflowStatus.EXPIRED);
			assertThatExceptionOfType(WorkflowFailedException.class).isThrownBy(() -> handle.await(TIMEOUT))
				.satisfies((ex) -> assertThat(ex.getWorkflowStatus()).isEqualTo(WorkflowStatus.EXPIRED));
			Tasks.GATE.countDown();
		});
	}

	@Test
	void stepsOwnRetryPolicyOverridesItsTasks() {
		worker().withPropertyValues("jobs.retry.policies.patient.max-attempts=3",
				"jobs.retry.policies.patient.initial-delay=1s", "jobs.retry.policies.patient.jitter=false",
				"jobs.tasks.[flaky].retry=once-only", "jobs.retry.policies.once-only.max-attempts=1")
			.run((context) -> {
				WorkflowHandle<Integer> handle = context.getBean(Jobs.class)
					.submit(chain(sig(Tasks::flaky, 5).with(JobOptions.defaults().retryPolicy("patient")),
							sig(Tasks::plusOne)));

				assertThat(handle.await(TIMEOUT)).isEqualTo(6);
				assertThat(Tasks.FLAKY.get()).isEqualTo(3);
			});
	}

	@Test
	void messageNamingAStepUnderAnotherJobIdMovesNothingOn() {
		worker().run((context) -> {
			Jobs jobs = context.getBean(Jobs.class);
			WorkflowHandle<Integer> handle = jobs.submit(chain(sig(Tasks::held, 1), sig(Tasks::plusOne)));
			await().atMost(TIMEOUT).until(() -> Tasks.HELD.get() == 1);

			// Step 0 is running; a message from anyone who can publish claims to have ended it.
			String forged = "forged-" + UUID.randomUUID();
			publishRaw(("{\"v\":2,\"id\":\"" + forged + "\",\"task\":\"once\",\"queue\":\"" + this.jobs.queue()
					+ "\",\"args\":[41],\"attempt\":1,\"enqueuedAt\":\"" + Instant.now() + "\",\"workflow\":{\"id\":\""
					+ handle.id() + "\",\"step\":0}}").getBytes(StandardCharsets.UTF_8));
			await().atMost(TIMEOUT).until(() -> jobs.handle(forged).status() == JobStatus.SUCCESS);

			assertThat(handle.status()).isEqualTo(WorkflowStatus.RUNNING);
			Tasks.GATE.countDown();
			assertThat(handle.await(TIMEOUT)).isEqualTo(2);
		});
	}

	private void publishRaw(byte[] body) {
		LocalBroker.withChannel((channel) -> {
			channel.confirmSelect();
			channel.basicPublish(this.jobs.topology().exchange(), this.jobs.queue(), true,
					new AMQP.BasicProperties.Builder().contentType("application/json").deliveryMode(2).build(), body);
			try {
				channel.waitForConfirmsOrDie(10_000);
			}
			catch (InterruptedException | TimeoutException ex) {
				throw new IllegalStateException(ex);
			}
			return null;
		});
	}

	private static void replay(DeadLetterQueue deadLetters, String jobId) {
		DeadLetterQuery query = DeadLetterQuery.first(1).ids(Set.of(jobId));
		await().atMost(TIMEOUT).until(() -> deadLetters.replay(query).replayed() == 1);
	}

	private ApplicationContextRunner worker() {
		return this.jobs.worker()
			.withConfiguration(AutoConfigurations.of(JobsOperationsAutoConfiguration.class))
			.withUserConfiguration(TaskConfiguration.class)
			.withPropertyValues("jobs.retry.default.max-attempts=1");
	}

	@Configuration(proxyBeanMethods = false)
	static class TaskConfiguration {

		@Bean
		Tasks tasks() {
			return new Tasks();
		}

	}

	static class Tasks {

		static final AtomicBoolean FAILED = new AtomicBoolean();

		static final AtomicInteger TOTALS = new AtomicInteger();

		static final AtomicInteger HELD = new AtomicInteger();

		static final AtomicInteger FLAKY = new AtomicInteger();

		static volatile CountDownLatch GATE = new CountDownLatch(1);

		static void reset() {
			FAILED.set(false);
			TOTALS.set(0);
			HELD.set(0);
			FLAKY.set(0);
			GATE.countDown();
			GATE = new CountDownLatch(1);
		}

		@BackgroundTask(name = "once")
		int once(int n) {
			return n;
		}

		@BackgroundTask(name = "fails-first-run")
		int failsFirstRun(int n) {
			if (FAILED.compareAndSet(false, true)) {
				throw new DiscardJob("the first run of " + n + " fails");
			}
			return n;
		}

		@BackgroundTask(name = "held")
		int held(int n) throws InterruptedException {
			HELD.incrementAndGet();
			GATE.await(60, TimeUnit.SECONDS);
			return n;
		}

		@BackgroundTask(name = "flaky")
		int flaky(int n) {
			if (FLAKY.incrementAndGet() < 3) {
				throw new IllegalStateException("attempt " + FLAKY.get() + " fails");
			}
			return n;
		}

		@BackgroundTask(name = "plus-one")
		int plusOne(int n) {
			return n + 1;
		}

		@BackgroundTask(name = "total")
		int total(List<Integer> values) {
			TOTALS.incrementAndGet();
			return values.stream().mapToInt(Integer::intValue).sum();
		}

	}

}
