package dev.jobs.sample.dashboard;

import dev.jobs.autoconfigure.JobsAutoConfiguration;
import dev.jobs.autoconfigure.JobsDashboardAutoConfiguration;
import dev.jobs.autoconfigure.JobsOperationsAutoConfiguration;
import dev.jobs.dashboard.DashboardOperations;
import org.junit.jupiter.api.Test;

import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's default where Spring Security is on the class path, as it is in the sample:
 * served unless {@code jobs.dashboard.enabled} says otherwise. (Without Spring Security it is off
 * by default: the autoconfigure module's own tests.)
 */
class DashboardDefaultTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RabbitAutoConfiguration.class, DataRedisAutoConfiguration.class,
				JobsAutoConfiguration.class, JobsOperationsAutoConfiguration.class,
				JobsDashboardAutoConfiguration.class));

	@Test
	void withSpringSecurityTheDashboardIsServedUnlessDisabled() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(DashboardOperations.class)
			.hasBean("jobsDashboardRoutes"));
		this.runner.withPropertyValues("jobs.dashboard.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DashboardOperations.class));
	}

}
