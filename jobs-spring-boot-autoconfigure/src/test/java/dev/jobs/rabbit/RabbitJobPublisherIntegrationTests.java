package dev.jobs.rabbit;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.BackgroundTask;
import dev.jobs.JobOptions;
import dev.jobs.Jobs;
import dev.jobs.JobsContextRunner;
import dev.jobs.JobsUnavailableException;
import dev.jobs.UnknownTaskException;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
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
