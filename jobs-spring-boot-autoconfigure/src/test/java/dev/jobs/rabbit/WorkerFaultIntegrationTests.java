package dev.jobs.rabbit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.rabbitmq.client.AMQP;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.BackgroundTask;
import dev.jobs.JobContext;
import dev.jobs.JobHandle;
import dev.jobs.JobStatus;
import dev.jobs.Jobs;
import dev.jobs.JobsContextRunner;
import dev.jobs.LocalBroker;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a worker does when things go wrong around a job: its connection dies mid-job, bad
 * messages arrive, the application shuts down with jobs in flight.
 */
class WorkerFaultIntegrationTests {

	private final JobsContextRunner runner = new JobsContextRunner();

	@AfterEach
	void cleanUp() {
		SlowTasks.release();
		this.runner.cleanUp();
	}

	@Test
	void jobIsRedeliveredAndCompletesWhenTheConsumingConnectionIsKilledMidJob() {
		this.runner.worker().withUserConfiguration(SlowTaskConfiguration.class).run((context) -> {
			SlowTasks tasks = context.getBean(SlowTasks.class);
			JobHandle<String> handle = context.getBean(Jobs.class).enqueue(SlowTasks::blockFirstTime, "payload");
			await().atMost(Duration.ofSeconds(20)).until(() -> tasks.calls() == 1);

			assertThat(LocalBroker.closeConnectionsNamed("jobs-worker")).isPositive();

			assertThat(handle.await(Duration.ofSeconds(30))).isEqualTo("done payload on attempt 1");
			assertThat(tasks.calls()).isEqualTo(2);
			assertThat(handle.status()).isEqualTo(JobStatus.SUCCESS);
		});
	}

	@Test
	void malformedBodyAndUnknownTaskEndInTheDeadLetterQueueAndTheNextJobStillRuns() {
		this.runner.worker().withUserConfiguration(SlowTaskConfiguration.class).run((context) -> {
			String queue = this.runner.queue();
			publishRaw(queue, "{ this is not json".getBytes(StandardCharsets.UTF_8));
			publishRaw(queue, ("{\"v\":1,\"id\":\"unknown-task-job\",\"task\":\"no-such-task\",\"queue\":\"" + queue
					+ "\",\"args\":[],\"attempt\":1,\"enqueuedAt\":\"" + Instant.now() + "\"}")
				.getBytes(StandardCharsets.UTF_8));
			publishRaw(queue, ("{\"v\":1,\"id\":\"bad-args-job\",\"task\":\"SlowTasks.echo\",\"queue\":\"" + queue
					+ "\",\"args\":[{\"not\":\"a string\"}],\"attempt\":1,\"enqueuedAt\":\"" + Instant.now() + "\"}")
				.getBytes(StandardCharsets.UTF_8));

			JobHandle<String> next = context.getBean(Jobs.class).enqueue(SlowTasks::echo, "still alive");

			assertThat(next.await(Duration.ofSeconds(20))).isEqualTo("still alive");
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(this.runner.deadLetters())
				.extracting((letter) -> letter.header("x-jobs-reason"))
				.containsExactlyInAnyOrder("MALFORMED", "UNKNOWN_TASK", "ARGUMENT_TYPE"));
			assertThat(this.runner.deadLetters()).filteredOn((letter) -> "bad-args-job".equals(letter.header("x-jobs-id")))
				.singleElement()
				.satisfies((letter) -> assertThat(letter.header("x-jobs-error-message"))
					.contains("argument 1 (text) of type java.lang.String"));
			assertThat(context.getBean(Jobs.class).handle("bad-args-job").status()).isEqualTo(JobStatus.FAILURE);
		});
	}

	@Test
	void shutdownLetsJobsInFlightFinishAndLeavesTheRestForRedelivery() {
		this.runner.worker()
			.withPropertyValues("jobs.queues." + this.runner.queue() + ".concurrency=1",
					"jobs.worker.shutdown-timeout=20s")
			.withUserConfiguration(SlowTaskConfiguration.class)
			.run((context) -> {
				Jobs jobs = context.getBean(Jobs.class);
				SlowTasks tasks = context.getBean(SlowTasks.class);
				JobHandle<String> inFlight = jobs.enqueue(SlowTasks::slow, "in flight");
				JobHandle<String> waiting = jobs.enqueue(SlowTasks::slow, "waiting");
				await().atMost(Duration.ofSeconds(20)).until(() -> tasks.started().contains("in flight"));

				JobConsumers worker = context.getBean(JobConsumers.class);
				Thread closer = new Thread(((ConfigurableApplicationContext) context)::close);
				closer.start();
				await().atMost(Duration.ofSeconds(5)).until(() -> !worker.isRunning());
				SlowTasks.release();
				closer.join(TimeUnit.SECONDS.toMillis(30));

				assertThat(closer.isAlive()).isFalse();
				assertThat(tasks.finished()).containsExactly("in flight");
				this.runner.producer().withUserConfiguration(SlowTaskConfiguration.class).run((producer) -> {
					Jobs again = producer.getBean(Jobs.class);
					assertThat(again.handle(inFlight.id()).status()).isEqualTo(JobStatus.SUCCESS);
					assertThat(again.handle(waiting.id()).status()).isEqualTo(JobStatus.PENDING);
				});
				assertThat(LocalBroker.messageCount(this.runner.brokerQueue())).isEqualTo(1);
			});
	}

	private void publishRaw(String queue, byte[] body) {
		LocalBroker.withChannel((channel) -> {
			channel.confirmSelect();
			channel.basicPublish(this.runner.topology().exchange(), queue, true,
					new AMQP.BasicProperties.Builder().contentType("application/json").deliveryMode(2).build(), body);
			try {
				channel.waitForConfirmsOrDie(10_000);
			}
			catch (InterruptedException | java.util.concurrent.TimeoutException ex) {
				throw new IllegalStateException(ex);
			}
			return null;
		});
	}

	/**
	 * Tasks that block until the test releases them.
	 */
	static class SlowTasks {

		private static volatile CountDownLatch gate = new CountDownLatch(1);

		private final AtomicInteger calls = new AtomicInteger();

		private final List<String> started = new CopyOnWriteArrayList<>();

		private final List<String> finished = new CopyOnWriteArrayList<>();

		static void release() {
			gate.countDown();
			gate = new CountDownLatch(1);
		}

		int calls() {
			return this.calls.get();
		}

		List<String> started() {
			return this.started;
		}

		List<String> finished() {
			return this.finished;
		}

		@BackgroundTask
		String blockFirstTime(String payload) throws InterruptedException {
			CountDownLatch current = gate;
			if (this.calls.incrementAndGet() == 1) {
				current.await(60, TimeUnit.SECONDS);
			}
			return "done " + payload + " on attempt " + JobContext.current().attempt();
		}

		@BackgroundTask
		String slow(String name) throws InterruptedException {
			CountDownLatch current = gate;
			this.started.add(name);
			current.await(60, TimeUnit.SECONDS);
			this.finished.add(name);
			return name;
		}

		@BackgroundTask
		String echo(String text) {
			return text;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SlowTaskConfiguration {

		@Bean
		SlowTasks slowTasks() {
			return new SlowTasks();
		}

	}

}
