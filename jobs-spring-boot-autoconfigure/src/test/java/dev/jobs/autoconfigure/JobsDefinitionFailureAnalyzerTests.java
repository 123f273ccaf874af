package dev.jobs.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.jobs.BackgroundTask;
import dev.jobs.TaskUpcaster;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * What a user sees when a task or a schedule cannot work as declared: Spring Boot's failure
 * report, with the message as its description and an action naming where to change it. The
 * applications here start as a user's would, through {@link SpringApplication}, and need no
 * broker: they fail before anything connects.
 */
@ExtendWith(OutputCaptureExtension.class)
class JobsDefinitionFailureAnalyzerTests {

	@Test
	void aTaskWhoseRateIsNotARateFailsWithAReportNamingTheAttributeAndTheFix(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run(BadRate.class));

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("(rateLimit): '5 a second' is not a rate; write it as 10/s")
			.contains("Change the @BackgroundTask attribute or the jobs.tasks property named above");
	}

	@Test
	void twoTasksOfOneNameFailWithAReportNamingBoth(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run(SameName.class));

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Two @BackgroundTask methods are named 'sync'")
			.contains("docs/configuration.md");
	}

	@Test
	void aScheduleOfAnUnknownTaskFailsWithAReportNamingTheProperty(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run(GoodTask.class, "--jobs.schedules.nightly.task=no-such-task",
				"--jobs.schedules.nightly.cron=@daily"));

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("jobs.schedules.nightly.task: no @BackgroundTask named 'no-such-task'")
			.contains("Change the jobs.schedules property or the @Scheduled task method named above");
	}

	@Test
	void aTaskWhoseVersionRoseWithoutAnUpcasterFailsWithAReportNamingTheTaskAndTheMissingStep(
			CapturedOutput output) {
		assertThatException().isThrownBy(() -> run(VersionGap.class));

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Task 'crm-sync' is at version 3")
			.contains("no TaskUpcaster brings its jobs from version 2 to 3");
	}

	private static void run(Class<?> configuration, String... args) {
		SpringApplication application = new SpringApplication(configuration);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.run(args);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ RabbitAutoConfiguration.class, DataRedisAutoConfiguration.class,
			JobsAutoConfiguration.class })
	static class VersionGap {

		@Bean
		Tasks tasks() {
			return new Tasks();
		}

		/** From 1 to 2 only: the step from 2 to 3 is missing. */
		@Bean
		TaskUpcaster crmSyncV1() {
			return TaskUpcaster.of("crm-sync", 1, (args) -> args);
		}

		static class Tasks {

			@BackgroundTask(name = "crm-sync", version = 3)
			public void sync(String customer) {
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ RabbitAutoConfiguration.class, DataRedisAutoConfiguration.class,
			JobsAutoConfiguration.class })
	static class BadRate {

		@Bean
		Tasks tasks() {
			return new Tasks();
		}

		static class Tasks {

			@BackgroundTask(name = "crm-sync", rateLimit = "5 a second")
			public void sync(String customer) {
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ RabbitAutoConfiguration.class, DataRedisAutoConfiguration.class,
			JobsAutoConfiguration.class })
	static class GoodTask {

		@Bean
		Tasks tasks() {
			return new Tasks();
		}

		static class Tasks {

			@BackgroundTask(name = "crm-sync")
			public void sync(String customer) {
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ RabbitAutoConfiguration.class, DataRedisAutoConfiguration.class,
			JobsAutoConfiguration.class })
	static class SameName {

		@Bean
		First first() {
			return new First();
		}

		@Bean
		Second second() {
			return new Second();
		}

		static class First {

			@BackgroundTask(name = "sync")
			public void sync(String customer) {
			}

		}

		static class Second {

			@BackgroundTask(name = "sync")
			public void sync(String customer) {
			}

		}

	}

}
