package dev.jobs.rabbit.topology;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.BackgroundTask;
import dev.jobs.JobHandle;
import dev.jobs.JobOptions;
import dev.jobs.Jobs;
import dev.jobs.JobsContextRunner;
import dev.jobs.LocalBroker;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A delayed job survives a broker restart while it waits: the delay lives in durable queues as
 * a persistent message, and the worker reconnects on its own.
 */
class DelayedJobBrokerRestartIntegrationTests {

	private final JobsContextRunner runner = new JobsContextRunner();

	@AfterEach
	void cleanUp() {
		LocalBroker.ensureRunning();
		this.runner.cleanUp();
	}

	@Test
	void delayedJobSurvivesABrokerRestartWhileItWaits() {
		this.runner.worker().withUserConfiguration(TaskConfiguration.class).run((context) -> {
			Instant enqueued = Instant.now();
			JobHandle<String> handle = context.getBean(Jobs.class)
				.with(JobOptions.defaults().delay(Duration.ofSeconds(12)))
				.enqueue(EchoTasks::echo, "survivor");

			LocalBroker.restartApp();

			assertThat(handle.await(Duration.ofSeconds(60))).isEqualTo("survivor");
			assertThat(Duration.between(enqueued, handle.snapshot().startedAt())).isGreaterThanOrEqualTo(Duration.ofSeconds(12));
		});
	}

	static class EchoTasks {

		@BackgroundTask
		String echo(String text) {
			return text;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TaskConfiguration {

		@Bean
		EchoTasks echoTasks() {
			return new EchoTasks();
		}

	}

}
