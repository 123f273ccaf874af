package dev.jobs.autoconfigure;

import org.junit.jupiter.api.Test;

import dev.jobs.actuate.endpoint.JobsEndpoint;
import dev.jobs.actuate.endpoint.JobsEndpointWebExtension;
import dev.jobs.actuate.metrics.JobCounters;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class JobsEndpointAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RabbitAutoConfiguration.class, DataRedisAutoConfiguration.class,
				JobsAutoConfiguration.class, JobsOperationsAutoConfiguration.class,
				JobsEndpointAutoConfiguration.class));

	@Test
	void endpointExposedOverTheWebComesWithItsExtensionAndCounters() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=jobs")
			.run((context) -> assertThat(context).hasSingleBean(JobsEndpoint.class)
				.hasSingleBean(JobsEndpointWebExtension.class)
				.hasSingleBean(JobCounters.class));
	}

	@Test
	void endpointNotExposedIsNotCreated() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(JobsEndpoint.class)
			.doesNotHaveBean(JobsEndpointWebExtension.class));
	}

	@Test
	void withoutActuatorThereIsNoEndpoint() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=jobs")
			.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(JobsEndpoint.class));
	}

	@Test
	void showValuesAcceptsBootsValues() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=jobs",
				"jobs.actuate.show-values=when-authorized", "jobs.actuate.roles=JOBS_ADMIN")
			.run((context) -> assertThat(context).hasSingleBean(JobsEndpointWebExtension.class));
	}

}
