package dev.jobs.autoconfigure;


import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import dev.jobs.ClosedPorts;
import dev.jobs.core.outbox.OutboxRelay;
import dev.jobs.core.port.JobOutbox;

import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the outbox is wired, and how {@code jobs.publish.outbox=true} fails start-up where it
 * cannot work. Nothing here reaches a database, RabbitMQ or Redis: all point at a closed port
 * and the table is not created.
 */
class JobsOutboxAutoConfigurationTests {

	private static final int CLOSED_PORT = ClosedPorts.any();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RabbitAutoConfiguration.class, DataRedisAutoConfiguration.class,
				JobsAutoConfiguration.class, JobsOutboxAutoConfiguration.class))
		.withPropertyValues("spring.rabbitmq.host=127.0.0.1", "spring.rabbitmq.port=" + CLOSED_PORT,
				"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + CLOSED_PORT,
				"jobs.publish.outbox-initialize-schema=false");

	@Test
	void whenOutboxIsOffThenNoOutboxEvenWithADataSource() {
		this.runner.withUserConfiguration(DataSourceConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(JobOutbox.class)
				.doesNotHaveBean(OutboxRelay.class));
	}

	@Test
	void whenOutboxIsOnWithADataSourceThenTableAndRelay() {
		this.runner.withUserConfiguration(DataSourceConfiguration.class)
			.withPropertyValues("jobs.publish.outbox=true")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(JobOutbox.class)
				.hasSingleBean(OutboxRelay.class));
	}

	@Test
	void whenOutboxIsOnWithoutADataSourceThenStartUpFailsNamingTheProperty() {
		this.runner.withPropertyValues("jobs.publish.outbox=true").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("jobs.publish.outbox")
				.hasMessageContaining("needs a DataSource bean");
		});
	}

	@Test
	void whenOutboxIsOnWithoutSpringJdbcThenStartUpFailsNamingTheLibrary() {
		this.runner.withUserConfiguration(DataSourceConfiguration.class)
			.withClassLoader(new FilteredClassLoader(DataSourceUtils.class))
			.withPropertyValues("jobs.publish.outbox=true")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("jobs.publish.outbox")
					.hasMessageContaining("spring-jdbc on the classpath");
			});
	}

	@Test
	void whenOutboxTableIsNotAnIdentifierThenStartUpFailsNamingTheProperty() {
		this.runner.withUserConfiguration(DataSourceConfiguration.class)
			.withPropertyValues("jobs.publish.outbox=true", "jobs.publish.outbox-table=jobs; drop table orders")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("jobs.publish.outbox-table");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class DataSourceConfiguration {

		@Bean
		DataSource dataSource() {
			PGSimpleDataSource dataSource = new PGSimpleDataSource();
			dataSource.setURL("jdbc:postgresql://127.0.0.1:" + CLOSED_PORT + "/test");
			return dataSource;
		}

	}

}
