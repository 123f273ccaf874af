package dev.jobs;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.rabbitmq.RabbitMQContainer;

import dev.jobs.autoconfigure.JobsAutoConfiguration;

import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's {@code @SpringBootTest} with {@code @ServiceConnection} containers and no
 * {@code spring.rabbitmq.*} or {@code spring.data.redis.*} property: the starter runs a job
 * against the containers. Where Docker does not run (this project's CI machines), JUnit reports
 * the class as skipped; {@link ServiceConnectionIntegrationTests} proves the same wiring there
 * with connection-details beans of its own.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(classes = ServiceConnectionContainerTests.App.class,
		properties = { "jobs.worker.queues=default", "jobs.rabbit.prefix=containers" })
class ServiceConnectionContainerTests {

	@Container
	@ServiceConnection
	static final RabbitMQContainer rabbit = new RabbitMQContainer("rabbitmq:3.13-management");

	@Container
	@ServiceConnection(name = "redis")
	static final GenericContainer<?> redis = new GenericContainer<>("redis:7").withExposedPorts(6379);

	@Autowired
	private Jobs jobs;

	@Test
	void aJobRunsAgainstTheContainers() {
		assertThat(this.jobs.enqueue(App.Tasks::shout, "hello").await(Duration.ofSeconds(60))).isEqualTo("HELLO");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ RabbitAutoConfiguration.class, DataRedisAutoConfiguration.class,
			JobsAutoConfiguration.class })
	static class App {

		@Bean
		App.Tasks tasks() {
			return new App.Tasks();
		}

		static class Tasks {

			@BackgroundTask(name = "shout")
			public String shout(String text) {
				return text.toUpperCase();
			}

		}

	}

}
