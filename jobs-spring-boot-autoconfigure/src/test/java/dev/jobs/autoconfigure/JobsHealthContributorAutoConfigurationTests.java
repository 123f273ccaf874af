package dev.jobs.autoconfigure;

import org.junit.jupiter.api.Test;

import dev.jobs.actuate.health.JobsHealthIndicator;

import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class JobsHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RabbitAutoConfiguration.class, DataRedisAutoConfiguration.class,
				JobsAutoConfiguration.class, JobsOperationsAutoConfiguration.class,
				JobsHealthContributorAutoConfiguration.class));

	@Test
	void contributesJobsHealth() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(JobsHealthIndicator.class)
			.hasBean("jobsHealthIndicator"));
	}

	@Test
	void canBeDisabled() {
		this.runner.withPropertyValues("management.health.jobs.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(JobsHealthIndicator.class));
	}

	@Test
	void withoutBootHealthThereIsNoContributor() {
		this.runner.withClassLoader(new FilteredClassLoader(AbstractHealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(JobsHealthIndicator.class));
	}

}
