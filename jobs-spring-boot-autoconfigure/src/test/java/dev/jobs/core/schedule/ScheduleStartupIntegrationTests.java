package dev.jobs.core.schedule;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.BackgroundTask;
import dev.jobs.JobsContextRunner;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A schedule that cannot work fails start-up with a message that names the schedule, the
 * property or annotation at fault, and what to change.
 */
class ScheduleStartupIntegrationTests {

	private final JobsContextRunner runner = new JobsContextRunner();

	@AfterEach
	void cleanUp() {
		this.runner.cleanUp();
	}

	@Test
	void aBadCronNamesTheProperty() {
		assertStartupFails(producer("jobs.schedules.report.task=report", "jobs.schedules.report.cron=0 0 25 * * *"),
				"jobs.schedules.report.cron", "six fields");
	}

	@Test
	void cronAndEveryTogetherAreRefused() {
		assertStartupFails(producer("jobs.schedules.report.task=report", "jobs.schedules.report.cron=@daily",
				"jobs.schedules.report.every=5m"), "jobs.schedules.report.cron", "not both");
	}

	@Test
	void anUnknownZoneNamesTheProperty() {
		assertStartupFails(producer("jobs.schedules.report.task=report", "jobs.schedules.report.cron=@daily",
				"jobs.schedules.report.zone=Mars/Olympus"), "jobs.schedules.report.zone", "Mars/Olympus");
	}

	@Test
	void anUnknownTaskNamesTheScheduleAndTheTasksThereAre() {
		assertStartupFails(producer("jobs.schedules.report.task=reprot", "jobs.schedules.report.every=1h"),
				"jobs.schedules.report.task", "[report]");
	}

	@Test
	void argumentsThatDoNotFitTheTaskNameTheScheduleAndTheParameter() {
		assertStartupFails(producer("jobs.schedules.report.task=report", "jobs.schedules.report.every=1h",
				"jobs.schedules.report.args[0]=daily", "jobs.schedules.report.args[1]=many"),
				"jobs.schedules.report.args", "of type int");
	}

	@Test
	void argumentsAreBoundToTheTasksParameterTypes() {
		producer("jobs.schedules.report.task=report", "jobs.schedules.report.every=1h",
				"jobs.schedules.report.args[0]=daily", "jobs.schedules.report.args[1]=7")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void fixedDelayCannotBeSharedByInstances() {
		assertStartupFails(this.runner.producer().withUserConfiguration(FixedDelayTask.class), "fixedDelay",
				"fixedRate or cron");
	}

	private ApplicationContextRunner producer(String... properties) {
		return this.runner.producer().withUserConfiguration(ReportTask.class).withPropertyValues(properties);
	}

	private static void assertStartupFails(ApplicationContextRunner runner, String... fragments) {
		runner.run((context) -> {
			assertThat(context).hasFailed();
			StringBuilder messages = new StringBuilder();
			for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
				messages.append(cause.getMessage()).append('\n');
			}
			assertThat(messages.toString()).contains(fragments);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class ReportTask {

		@Bean
		Reports reports() {
			return new Reports();
		}

	}

	static class Reports {

		@BackgroundTask(name = "report")
		public void report(String kind, int days) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FixedDelayTask {

		@Bean
		Delayed delayed() {
			return new Delayed();
		}

	}

	static class Delayed {

		@BackgroundTask(name = "delayed")
		@Scheduled(fixedDelay = 1000)
		public void run() {
		}

	}

}
