package dev.jobs;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter takes RabbitMQ and Redis from Spring Boot's connection details, as
 * {@code @ServiceConnection} containers and Docker Compose define them, not from the
 * {@code spring.rabbitmq.*} and {@code spring.data.redis.*} properties: here the properties point
 * at closed ports, the connection-details beans at the local services, and a job is enqueued,
 * run and its result read, over the starter's own publisher and worker connections.
 */
class ServiceConnectionIntegrationTests {

	private final JobsContextRunner jobs = new JobsContextRunner();

	@AfterEach
	void cleanUp() {
		this.jobs.cleanUp();
	}

	@Test
	void aJobRunsOverTheConnectionDetailsWhileThePropertiesPointElsewhere() {
		this.jobs.worker()
			.withPropertyValues("spring.rabbitmq.port=1", "spring.data.redis.port=1")
			.withUserConfiguration(LocalServices.class, TaskConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				JobHandle<String> handle = context.getBean(Jobs.class).enqueue(Tasks::shout, "hello");

				assertThat(handle.await(Duration.ofSeconds(30))).isEqualTo("HELLO");
			});
	}

	/** What a {@code @ServiceConnection} container would define, pointing at this machine's services. */
	@Configuration(proxyBeanMethods = false)
	static class LocalServices {

		@Bean
		RabbitConnectionDetails rabbitConnectionDetails() {
			return () -> List.of(new RabbitConnectionDetails.Address("127.0.0.1", 5672));
		}

		@Bean
		DataRedisConnectionDetails redisConnectionDetails() {
			return new DataRedisConnectionDetails() {
				@Override
				public Standalone getStandalone() {
					return Standalone.of("127.0.0.1", 6379);
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TaskConfiguration {

		@Bean
		Tasks shoutingTasks() {
			return new Tasks();
		}

	}

	static class Tasks {

		@BackgroundTask(name = "shout")
		public String shout(String text) {
			return text.toUpperCase();
		}

	}

}
