package dev.jobs.actuate.endpoint;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.BackgroundTask;
import dev.jobs.JobHandle;
import dev.jobs.JobStatus;
import dev.jobs.Jobs;
import dev.jobs.JobsContextRunner;
import dev.jobs.autoconfigure.JobsEndpointAutoConfiguration;
import dev.jobs.autoconfigure.JobsOperationsAutoConfiguration;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code jobs.tasks.<name>.mask-args} and {@code @BackgroundTask(maskArgs = true)}: the jobs
 * endpoint shows each argument of such a task as {@code "***"}, even where
 * {@code jobs.actuate.show-values} would show them, while the dead letter keeps the message, so
 * a replay runs with the real arguments. Through the real endpoint classes, RabbitMQ and Redis.
 */
class MaskedArgumentsIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final JobsContextRunner jobs = new JobsContextRunner();

	private final ApplicationContextRunner runner = this.jobs.worker()
		.withConfiguration(AutoConfigurations.of(JobsOperationsAutoConfiguration.class,
				JobsEndpointAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=jobs", "jobs.actuate.show-values=always",
				"jobs.retry.default.max-attempts=1", "jobs.tasks.charge.mask-args=true")
		.withUserConfiguration(PaymentConfiguration.class);

	@AfterEach
	void cleanUp() {
		this.jobs.cleanUp();
	}

	@Test
	void deadLettersOfMaskedTasksShowOneMaskPerArgumentAndOthersTheirValues() {
		this.runner.run((context) -> {
			Jobs jobs = context.getBean(Jobs.class);
			JobHandle<Void> charge = jobs.enqueue(PaymentTasks::charge, "tok_secret", 1999L);
			JobHandle<Void> refund = jobs.enqueue(PaymentTasks::refund, "tok_other");
			JobHandle<Void> note = jobs.enqueue(PaymentTasks::note, "not secret");
			awaitDeadLetters(context.getBean(JobsEndpointWebExtension.class), 3);

			List<JobsEndpoint.DeadLetterDescriptor> entries = deadLetters(
					context.getBean(JobsEndpointWebExtension.class));

			assertThat(entries).filteredOn((entry) -> entry.jobId().equals(charge.id()))
				.singleElement()
				.satisfies((entry) -> assertThat(entry.args()).isEqualTo(List.of("***", "***")));
			assertThat(entries).filteredOn((entry) -> entry.jobId().equals(refund.id()))
				.singleElement()
				.satisfies((entry) -> assertThat(entry.args()).isEqualTo(List.of("***")));
			assertThat(entries).filteredOn((entry) -> entry.jobId().equals(note.id()))
				.singleElement()
				.satisfies((entry) -> assertThat(entry.args()).isEqualTo(List.of("not secret")));
			// Its record, read by id, shows no arguments at all.
			Object job = context.getBean(JobsEndpointWebExtension.class)
				.deadLetters(SecurityContext.NONE, charge.id(), null, null, null, null, null, null, null)
				.getBody();
			assertThat(job).isInstanceOf(JobLookup.JobDescriptor.class);
			assertThat(job.toString()).doesNotContain("tok_secret").doesNotContain("1999");
		});
	}

	@Test
	void maskedDeadLetterIsReplayedWithItsRealArguments() {
		this.runner.run((context) -> {
			PaymentTasks tasks = context.getBean(PaymentTasks.class);
			JobHandle<Void> charge = context.getBean(Jobs.class).enqueue(PaymentTasks::charge, "tok_secret", 1999L);
			JobsEndpointWebExtension endpoint = context.getBean(JobsEndpointWebExtension.class);
			awaitDeadLetters(endpoint, 1);
			assertThat(deadLetters(endpoint)).singleElement()
				.satisfies((entry) -> assertThat(entry.args()).isEqualTo(List.of("***", "***")));
			tasks.stopFailing();

			WebEndpointResponse<Object> replay = endpoint.replay(SecurityContext.NONE, "dlq", "replay", null, "charge",
					null, null, null, null, null);

			assertThat(replay.getBody()).isEqualTo(new JobsEndpoint.ReplayDescriptor(1, 0));
			await().atMost(TIMEOUT).until(() -> charge.status() == JobStatus.SUCCESS);
			assertThat(tasks.charged()).containsExactly("tok_secret 1999", "tok_secret 1999");
		});
	}

	private static void awaitDeadLetters(JobsEndpointWebExtension endpoint, int count) {
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(deadLetters(endpoint)).hasSize(count));
	}

	private static List<JobsEndpoint.DeadLetterDescriptor> deadLetters(JobsEndpointWebExtension endpoint) {
		WebEndpointResponse<Object> response = endpoint.deadLetters(SecurityContext.NONE, "dlq", null, null, null, null,
				null, null, null);
		return ((JobsEndpoint.DeadLettersDescriptor) response.getBody()).entries();
	}

	/** Tasks that fail while {@link #failing} is set, so that their jobs are dead-lettered. */
	static class PaymentTasks {

		private final AtomicBoolean failing = new AtomicBoolean(true);

		private final List<String> charged = new CopyOnWriteArrayList<>();

		// Through methods: the bean is a proxy (its void tasks enqueue when called), whose fields are not these.
		void stopFailing() {
			this.failing.set(false);
		}

		List<String> charged() {
			return this.charged;
		}

		@BackgroundTask(name = "charge")
		void charge(String token, long cents) {
			this.charged.add(token + " " + cents);
			fail();
		}

		@BackgroundTask(name = "refund", maskArgs = true)
		void refund(String token) {
			fail();
		}

		@BackgroundTask(name = "note")
		void note(String text) {
			fail();
		}

		private void fail() {
			if (this.failing.get()) {
				throw new IllegalStateException("the payment provider is down");
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PaymentConfiguration {

		@Bean
		PaymentTasks paymentTasks() {
			return new PaymentTasks();
		}

	}

}
