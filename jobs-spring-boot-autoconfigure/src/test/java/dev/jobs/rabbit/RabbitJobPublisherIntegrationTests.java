package dev.jobs.rabbit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.rabbitmq.client.GetResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.BackgroundTask;
import dev.jobs.JobOptions;
import dev.jobs.Jobs;
import dev.jobs.JobsContextRunner;
import dev.jobs.LocalBroker;
import dev.jobs.JobsUnavailableException;
import dev.jobs.UnknownTaskException;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * An enqueue either returns with the job confirmed by the broker, or throws: never a silent
 * loss.
 */
class RabbitJobPublisherIntegrationTests {

	private final JobsContextRunner runner = new JobsContextRunner();

	@AfterEach
	void cleanUp() {
		this.runner.cleanUp();
	}

	@Test
	void enqueueWithTheBrokerUnreachableThrowsWithinTheConfirmTimeout() {
		this.runner.producer()
			.withPropertyValues("spring.rabbitmq.port=1", "spring.rabbitmq.connection-timeout=2s",
					"jobs.publish.confirm-timeout=2s")
			.withUserConfiguration(TaskConfiguration.class)
			.run((context) -> {
				Jobs jobs = context.getBean(Jobs.class);
				assertTimeoutPreemptively(Duration.ofSeconds(10),
						() -> assertThatExceptionOfType(JobsUnavailableException.class)
							.isThrownBy(() -> jobs.enqueue(Tasks::ping, "hello"))
							.withMessageContaining("not enqueued"));
			});
	}

	@Test
	void enqueueToAQueueNoOneDeclaredIsReturnedByTheBrokerAndThrows() {
		this.runner.producer().withUserConfiguration(TaskConfiguration.class).run((context) -> {
			Jobs jobs = context.getBean(Jobs.class).with(JobOptions.defaults().queue("nobody-declared-this"));

			assertThatExceptionOfType(JobsUnavailableException.class).isThrownBy(() -> jobs.enqueue(Tasks::ping, "x"))
				.withMessageContaining("no queue is bound for job queue 'nobody-declared-this'");
		});
	}

	@Test
	void enqueueOfAnUnknownTaskNameThrowsAtOnce() {
		this.runner.producer().withUserConfiguration(TaskConfiguration.class).run((context) -> {
			assertThatExceptionOfType(UnknownTaskException.class)
				.isThrownBy(() -> context.getBean(Jobs.class).enqueue("no-such-task", 1))
				.withMessageContaining("jobs.tasks.no-such-task.queue");
		});
	}

	@Test
	void taskOfAnotherServiceDeclaredInConfigurationCanBeEnqueuedByName() {
		this.runner.producer()
			.withPropertyValues("jobs.tasks.remote-task.queue=" + this.runner.queue())
			.withUserConfiguration(TaskConfiguration.class)
			.run((context) -> context.getBean(Jobs.class).enqueue("remote-task", "a", 2));
	}

	@Test
	void concurrentEnqueuesFromManyThreadsAreEachConfirmedAndQueuedOnce() {
		int threads = 32;
		int perThread = 50;
		this.runner.producer().withUserConfiguration(TaskConfiguration.class).run((context) -> {
			Jobs jobs = context.getBean(Jobs.class);
			Set<String> confirmed = ConcurrentHashMap.newKeySet();
			ExecutorService pool = Executors.newFixedThreadPool(threads);
			try {
				List<Future<?>> producers = new ArrayList<>();
				for (int t = 0; t < threads; t++) {
					producers.add(pool.submit(() -> {
						for (int i = 0; i < perThread; i++) {
							confirmed.add(jobs.enqueue(Tasks::ping, "x").id());
						}
					}));
				}
				for (Future<?> producer : producers) {
					producer.get();
				}
			}
			finally {
				pool.shutdown();
			}
			assertThat(confirmed).hasSize(threads * perThread);
			assertThat(queuedMessageIds()).isEqualTo(confirmed);
		});
	}

	@Test
	void aPublishingConnectionClosedByTheBrokerIsReplacedOnALaterEnqueue() {
		this.runner.producer().withUserConfiguration(TaskConfiguration.class).run((context) -> {
			Jobs jobs = context.getBean(Jobs.class);
			String before = jobs.enqueue(Tasks::ping, "before").id();
			assertThat(LocalBroker.closeConnectionsNamed("jobs-publisher")).isPositive();
			AtomicReference<String> after = new AtomicReference<>();
			await().atMost(Duration.ofSeconds(15)).ignoreException(JobsUnavailableException.class).until(() -> {
				after.set(jobs.enqueue(Tasks::ping, "after").id());
				return true;
			});
			assertThat(queuedMessageIds()).contains(before, after.get());
		});
	}

	@Test
	void whileTheConnectionIsClosedUnderLoadEveryEnqueueThatReturnedIsQueued() {
		int threads = 8;
		this.runner.producer()
			.withPropertyValues("jobs.publish.confirm-timeout=5s")
			.withUserConfiguration(TaskConfiguration.class)
			.run((context) -> {
				Jobs jobs = context.getBean(Jobs.class);
				Set<String> confirmed = ConcurrentHashMap.newKeySet();
				AtomicInteger refused = new AtomicInteger();
				AtomicBoolean running = new AtomicBoolean(true);
				ExecutorService pool = Executors.newFixedThreadPool(threads);
				try {
					for (int t = 0; t < threads; t++) {
						pool.submit(() -> {
							while (running.get()) {
								try {
									confirmed.add(jobs.enqueue(Tasks::ping, "x").id());
								}
								catch (JobsUnavailableException ex) {
									refused.incrementAndGet();
								}
							}
						});
					}
					await().atMost(Duration.ofSeconds(20)).until(() -> confirmed.size() >= 500);
					assertThat(LocalBroker.closeConnectionsNamed("jobs-publisher")).isPositive();
					int atClose = confirmed.size();
					await().atMost(Duration.ofSeconds(20)).until(() -> confirmed.size() >= atClose + 500);
				}
				finally {
					running.set(false);
					pool.shutdown();
					assertThat(pool.awaitTermination(30, TimeUnit.SECONDS))
						.as("every enqueue returned or threw within the confirm timeout").isTrue();
				}
				assertThat(queuedMessageIds()).containsAll(confirmed);
			});
	}

	/** Takes every message off the test's job queue and answers their ids. */
	private Set<String> queuedMessageIds() {
		return LocalBroker.withChannel((channel) -> {
			Set<String> ids = new HashSet<>();
			GetResponse response;
			while ((response = channel.basicGet(this.runner.brokerQueue(), true)) != null) {
				ids.add(response.getProps().getMessageId());
			}
			return ids;
		});
	}

	static class Tasks {

		@BackgroundTask
		String ping(String text) {
			return text;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TaskConfiguration {

		@Bean
		Tasks tasks() {
			return new Tasks();
		}

	}

}
