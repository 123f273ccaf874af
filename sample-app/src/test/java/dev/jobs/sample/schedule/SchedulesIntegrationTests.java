package dev.jobs.sample.schedule;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.jobs.JobStatus;
import dev.jobs.sample.SampleClient;
import dev.jobs.sample.SampleIntegrationTest;
import dev.jobs.sample.job.JobView;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's three schedules as an operator sees them through Actuator, and one of them run
 * by hand: {@code POST /actuator/jobs/schedules/daily-report/trigger}.
 */
@SampleIntegrationTest
class SchedulesIntegrationTests {

	@Autowired
	private RestTestClient client;

	private SampleClient sample;

	@BeforeEach
	void createSampleClient() {
		this.sample = new SampleClient(this.client);
	}

	@Test
	void actuatorListsTheSchedulesFromYamlAndFromScheduled() {
		this.client.get()
			.uri("/actuator/jobs")
			.headers((headers) -> headers.setBasicAuth("admin", SampleIntegrationTest.ADMIN_PASSWORD))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.schedules[?(@.name == 'daily-report')].expression")
			.isEqualTo("cron 0 0 8 * * * (UTC)")
			.jsonPath("$.schedules[?(@.name == 'sync-inventory')].expression")
			.isEqualTo("every PT5M")
			.jsonPath("$.schedules[?(@.name == 'cleanup-sessions')].source")
			.isEqualTo("@Scheduled on dev.jobs.sample.session.SessionTasks.cleanup()");
	}

	@Test
	@SuppressWarnings("unchecked")
	void aTriggeredDailyReportRunsNowWithItsConfiguredArguments() {
		Map<String, Object> triggered = this.client.post()
			.uri("/actuator/jobs/schedules/daily-report/trigger")
			.headers((headers) -> headers.setBasicAuth("admin", SampleIntegrationTest.ADMIN_PASSWORD))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();

		assertThat(triggered).containsEntry("schedule", "daily-report").containsEntry("action", "trigger");
		JobView report = this.sample.awaitFinished((String) triggered.get("jobId"));
		assertThat(report.task()).isEqualTo("generate-report");
		assertThat(report.status()).as("report job error: %s", report.error()).isEqualTo(JobStatus.SUCCESS);
	}

	@Test
	void anUnknownScheduleIsNotFound() {
		this.client.post()
			.uri("/actuator/jobs/schedules/weekly-report/trigger")
			.headers((headers) -> headers.setBasicAuth("admin", SampleIntegrationTest.ADMIN_PASSWORD))
			.exchange()
			.expectStatus()
			.isNotFound();
	}

}
