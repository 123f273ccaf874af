package dev.jobs.autoconfigure;

import org.junit.jupiter.api.Test;

import dev.jobs.dashboard.DashboardOperations;

import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import static org.assertj.core.api.Assertions.assertThat;

class JobsDashboardAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(RabbitAutoConfiguration.class,
			DataRedisAutoConfiguration.class, JobsAutoConfiguration.class, JobsOperationsAutoConfiguration.class,
			JobsDashboardAutoConfiguration.class);

	private final WebApplicationContextRunner web = new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS);

	@Test
	void withoutSpringSecurityTheDashboardIsOffUnlessEnabled() {
		this.web.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(DashboardOperations.class)
			.doesNotHaveBean("jobsDashboardRoutes"));
		this.web.withPropertyValues("jobs.dashboard.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(DashboardOperations.class)
				.hasBean("jobsDashboardRoutes"));
	}

	/** With Spring Security on the class path it is on by default: the sample app's tests show it. */
	@Test
	void disabledDashboardIsNotServed() {
		this.web.withPropertyValues("jobs.dashboard.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DashboardOperations.class));
	}

	@Test
	void withoutSpringMvcThereIsNoDashboard() {
		this.web.withPropertyValues("jobs.dashboard.enabled=true")
			.withClassLoader(new FilteredClassLoader("org.springframework.web.servlet"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DashboardOperations.class));
	}

	@Test
	void outsideAServletApplicationThereIsNoDashboard() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues("jobs.dashboard.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DashboardOperations.class));
	}

	@Test
	void aPathEndingInASlashFailsStartUpNamingTheProperty() {
		this.web.withPropertyValues("jobs.dashboard.enabled=true", "jobs.dashboard.path=/ops/")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("jobs.dashboard.path"));
	}

	@Test
	void aNegativeFailuresMaxAgeFailsStartUpNamingTheProperty() {
		this.web.withPropertyValues("jobs.dashboard.enabled=true", "jobs.dashboard.failures-max-age=-1s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("jobs.dashboard.failures-max-age"));
	}

	@Test
	void aTraceUrlWithoutAPlaceForTheTraceIdFailsStartUpNamingTheProperty() {
		this.web.withPropertyValues("jobs.dashboard.enabled=true", "jobs.dashboard.trace-url=http://jaeger:16686/trace/")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("jobs.dashboard.trace-url")
				.hasMessageContaining("{traceId}"));
	}

}
