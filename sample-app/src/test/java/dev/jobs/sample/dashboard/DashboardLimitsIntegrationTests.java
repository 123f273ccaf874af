package dev.jobs.sample.dashboard;

import java.time.Duration;
import java.time.YearMonth;

import dev.jobs.JobHandle;
import dev.jobs.JobStatus;
import dev.jobs.Jobs;
import dev.jobs.sample.SampleIntegrationTest;
import dev.jobs.sample.report.MonthlySalesReport;
import dev.jobs.sample.report.ReportTasks;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's limits page with the sample's own limits: its configured caps and rate limits
 * are listed, and the concurrency budget of a month whose report was rebuilt shows up with how
 * many rebuilds of that month run now.
 */
@SampleIntegrationTest
class DashboardLimitsIntegrationTests {

	@Autowired
	private RestTestClient client;

	@Autowired
	private Jobs jobs;

	@Test
	void theLimitsPageListsTheCapsAndTheBudgetsInUse() {
		YearMonth month = YearMonth.of(1999, 1 + (int) (System.nanoTime() % 12));
		JobHandle<MonthlySalesReport> rebuild = this.jobs.enqueue(ReportTasks::rebuildMonthlySales, month);
		rebuild.await(Duration.ofSeconds(60));
		assertThat(rebuild.status()).isEqualTo(JobStatus.SUCCESS);

		String page = DashboardSession.read(this.client, "/jobs/limits", "viewer", SampleIntegrationTest.VIEWER_PASSWORD)
			.getResponseBody();

		assertThat(page).contains("send-confirmation-email").contains("at most 1 at once per #email")
			.contains("send-webhook")
			.contains("10/PT1M (burst 10), shared, per #url.host");
		String budget = "data-budget=\"task:rebuild-monthly-sales-report:" + month + "\"";
		assertThat(page).as("the month's budget").contains(budget);
		String row = page.substring(page.indexOf(budget), page.indexOf("</tr>", page.indexOf(budget)));
		assertThat(row).contains("concurrency").contains("0 of 1 running");
		assertThat(page).doesNotContain("<button");
	}

}
