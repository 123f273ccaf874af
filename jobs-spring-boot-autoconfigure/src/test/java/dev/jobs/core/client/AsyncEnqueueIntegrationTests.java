package dev.jobs.core.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.BackgroundTask;
import dev.jobs.JobHandle;
import dev.jobs.JobOptions;
import dev.jobs.JobRequest;
import dev.jobs.Jobs;
import dev.jobs.JobsContextRunner;
import dev.jobs.JobsUnavailableException;
import dev.jobs.UnknownTaskException;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code enqueueAsync}: many jobs in flight from one thread, each future completing only once
 * its job is accepted, against the real broker and Redis.
 */
class AsyncEnqueueIntegrationTests {

	private final JobsContextRunner runner = new JobsContextRunner();

	@AfterEach
	void cleanUp() {
		this.runner.cleanUp();
	}

	@Test
	void manyJobsInFlightFromOneThreadAreEachAcceptedAndRun() {
		this.runner.worker().withUserConfiguration(TaskConfiguration.class).run((context) -> {
			Jobs jobs = context.getBean(Jobs.class);
			List<CompletableFuture<JobHandle<Object>>> futures = new ArrayList<>();
			for (int i = 0; i < 500; i++) {
				futures.add(jobs.enqueueAsync(JobRequest.of("Tasks.echo", "job-" + i)));
			}
			for (int i = 0; i < futures.size(); i++) {
				assertThat(futures.get(i).get().await(Duration.ofSeconds(30))).isEqualTo("job-" + i);
			}
		});
	}

	@Test
	void aJobNoQueueTakesFailsItsFuture() {
		this.runner.producer().withUserConfiguration(TaskConfiguration.class).run((context) -> {
			Jobs jobs = context.getBean(Jobs.class).with(JobOptions.defaults().queue("nobody-declared-this"));

			assertThat(jobs.enqueueAsync(JobRequest.of("Tasks.echo", "x"))).failsWithin(Duration.ofSeconds(10))
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(JobsUnavailableException.class)
				.withMessageContaining("no queue is bound for job queue 'nobody-declared-this'");
		});
	}

	@Test
	void anUnknownTaskThrowsAtOnce() {
		this.runner.producer().withUserConfiguration(TaskConfiguration.class).run((context) -> {
			assertThatExceptionOfType(UnknownTaskException.class)
				.isThrownBy(() -> context.getBean(Jobs.class).enqueueAsync(JobRequest.of("no-such-task", 1)));
		});
	}

	@Test
	void aDependentStageMayEnqueueAndWaitWithoutStallingConfirms() {
		this.runner.worker().withUserConfiguration(TaskConfiguration.class).run((context) -> {
			Jobs jobs = context.getBean(Jobs.class);

			CompletableFuture<String> chained = jobs.enqueueAsync(JobRequest.of("Tasks.echo", "first"))
				.thenApply((first) -> jobs.enqueue(Tasks::echo, "second").id());

			String second = chained.get();
			assertThat(jobs.handle(second).await(Duration.ofSeconds(30))).isEqualTo("second");
		});
	}

	@Test
	void aBrokerThatCannotBeReachedFailsTheFuture() {
		this.runner.producer()
			.withPropertyValues("spring.rabbitmq.port=1", "spring.rabbitmq.connection-timeout=2s")
			.withUserConfiguration(TaskConfiguration.class)
			.run((context) -> assertThat(context.getBean(Jobs.class).enqueueAsync(JobRequest.of("Tasks.echo", "x")))
				.failsWithin(Duration.ofSeconds(10))
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(JobsUnavailableException.class));
	}

	static class Tasks {

		@BackgroundTask
		String echo(String text) {
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
