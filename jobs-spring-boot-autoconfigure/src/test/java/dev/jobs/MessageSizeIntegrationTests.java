package dev.jobs;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.rabbitmq.client.AMQP;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@code jobs.message.max-size}: a job too large fails its enqueue before it is published, and
 * the publisher goes on serving other jobs; a message too large that reaches a worker is
 * dead-lettered unread.
 */
class MessageSizeIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final JobsContextRunner jobs = new JobsContextRunner();

	@AfterEach
	void cleanUp() {
		this.jobs.cleanUp();
	}

	@Test
	void jobOverTheLimitFailsItsEnqueueAndTheNextJobGoesThrough() {
		worker().run((context) -> {
			Jobs jobs = context.getBean(Jobs.class);
			String large = "x".repeat(100 * 1024);

			assertThatExceptionOfType(JobArgumentsException.class).isThrownBy(() -> jobs.enqueue(Tasks::echo, large))
				.withMessageContaining("jobs.message.max-size")
				.withMessageContaining("'echo'");
			assertThatExceptionOfType(JobArgumentsException.class)
				.isThrownBy(() -> jobs.enqueueAll(List.of(JobRequest.of("echo", "small"),
						JobRequest.of("echo", large))));

			assertThat(jobs.enqueue(Tasks::echo, "small").await(TIMEOUT)).isEqualTo("small");
		});
	}

	@Test
	void messageOverTheLimitIsDeadLetteredUnread() {
		worker().run((context) -> {
			byte[] body = ("{\"v\":1,\"id\":\"big-1\",\"task\":\"echo\",\"queue\":\"" + this.jobs.queue()
					+ "\",\"args\":[\"" + "y".repeat(100 * 1024) + "\"],\"enqueuedAt\":\"2026-12-02T06:00:00Z\"}")
				.getBytes(StandardCharsets.UTF_8);
			LocalBroker.withChannel((channel) -> {
				channel.basicPublish(this.jobs.topology().exchange(), this.jobs.queue(),
						new AMQP.BasicProperties.Builder().deliveryMode(2).build(), body);
				return null;
			});

			await().atMost(TIMEOUT).until(() -> this.jobs.deadLetters().size() == 1);
			LocalBroker.Letter letter = this.jobs.deadLetters().get(0);
			assertThat(letter.headers().get("x-jobs-reason")).hasToString("MALFORMED");
			assertThat(String.valueOf(letter.headers().get("x-jobs-error-message"))).contains("jobs.message.max-size");
		});
	}

	private ApplicationContextRunner worker() {
		return this.jobs.worker()
			.withUserConfiguration(TaskConfiguration.class)
			.withPropertyValues("jobs.message.max-size=64KB");
	}

	@Configuration(proxyBeanMethods = false)
	static class TaskConfiguration {

		@Bean
		Tasks tasks() {
			return new Tasks();
		}

	}

	static class Tasks {

		@BackgroundTask(name = "echo")
		String echo(String text) {
			return text;
		}

	}

}
