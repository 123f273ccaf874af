package dev.jobs.sample.report;

import java.util.Map;

import dev.jobs.JobStatus;
import dev.jobs.sample.SampleClient;
import dev.jobs.sample.SampleIntegrationTest;
import dev.jobs.sample.job.JobView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.jobs.sample.SampleClient.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The monthly rebuild runs long enough to be seen {@code STARTED} (and to be killed in the
 * middle, as the README's tour does by hand), then succeeds with the month's report.
 */
@SampleIntegrationTest
class MonthlyReportIntegrationTests {

	@Autowired
	private RestTestClient client;

	private SampleClient sample;

	@BeforeEach
	void createSampleClient() {
		this.sample = new SampleClient(this.client);
	}

	@Test
	void monthlyRebuildReadsStartedWhileItRunsAndThenSucceeds() {
		ReportRequested requested = this.client.post()
			.uri("/api/reports/monthly?month=2026-02")
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody(ReportRequested.class)
			.returnResult()
			.getResponseBody();

		JobView running = await().atMost(TIMEOUT)
			.until(() -> this.sample.job(requested.jobId()), (job) -> job.status() != JobStatus.PENDING);
		assertThat(running.status()).isEqualTo(JobStatus.STARTED);
		assertThat(running.task()).isEqualTo("rebuild-monthly-sales-report");
		assertThat(running.startedAt()).isNotNull();

		JobView report = this.sample.awaitFinished(requested.jobId());
		assertThat(report.status()).as("report job error: %s", report.error()).isEqualTo(JobStatus.SUCCESS);
		assertThat(report.result()).isInstanceOfSatisfying(Map.class,
				(result) -> assertThat(result).containsEntry("month", "2026-02").containsEntry("days", 28));
	}

}
