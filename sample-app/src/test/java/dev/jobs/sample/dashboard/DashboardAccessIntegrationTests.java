package dev.jobs.sample.dashboard;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.jobs.JobHandle;
import dev.jobs.JobStatus;
import dev.jobs.Jobs;
import dev.jobs.sample.inventory.StockReservations;

import dev.jobs.sample.SampleIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who may do what through the dashboard's JSON API, with the sample's real Spring Security: a
 * write without Spring Security's CSRF token is refused even to {@code admin}; {@code viewer}'s
 * write with a valid token and the dashboard's header is refused by the dashboard (it needs
 * {@code jobs.actuate.write-roles}); and the pages show {@code viewer} no write control.
 */
@SampleIntegrationTest
class DashboardAccessIntegrationTests {

	@Autowired
	private RestTestClient client;

	@Autowired
	private Jobs jobs;

	@Test
	void viewerSeesNoWriteControlAndAForgedWriteAnswers403() {
		EntityExchangeResult<String> page = get("/jobs", "viewer", SampleIntegrationTest.VIEWER_PASSWORD);
		assertThat(page.getResponseBody()).contains("<table id=\"queues\">").doesNotContain("data-post");

		this.client.post()
			.uri("/jobs/api/queues/bulk/pause")
			.headers((headers) -> DashboardSession.signedIn(headers, page, "viewer", SampleIntegrationTest.VIEWER_PASSWORD))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("jobs.actuate.write-roles"));
	}

	@Test
	void theOverviewListsThisInstanceAsItReportedItselfInRedis() {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			String overview = get("/jobs", "viewer", SampleIntegrationTest.VIEWER_PASSWORD).getResponseBody();
			assertThat(overview).contains("<table id=\"instances\">")
				.contains("<small>(this one)</small>")
				.doesNotContain("not reported")
				.contains("consuming ");
		});
	}

	@Test
	void theOverviewChartsTheJobsThatRanInTheLastHour() {
		JobHandle<Void> job = this.jobs.enqueue(StockReservations::reserve, "CHART-" + UUID.randomUUID(), 1);
		job.await(Duration.ofSeconds(30));
		assertThat(job.status()).isEqualTo(JobStatus.SUCCESS);

		String overview = get("/jobs", "viewer", SampleIntegrationTest.VIEWER_PASSWORD).getResponseBody();
		assertThat(overview).contains("<figure id=\"throughput\">").contains("<polyline class=\"succeeded\"");
		assertThat(total(overview, "enqueued")).isPositive();
		assertThat(total(overview, "succeeded")).isPositive();
	}

	private static long total(String overview, String counter) {
		Matcher matcher = Pattern.compile("<span class=\"" + counter + "\" data-total=\"(\\d+)\">").matcher(overview);
		assertThat(matcher.find()).as("the chart's legend for " + counter).isTrue();
		return Long.parseLong(matcher.group(1));
	}

	@Test
	void aWriteWithoutTheCsrfTokenIsRefusedEvenToAdmin() {
		this.client.post()
			.uri("/jobs/api/queues/bulk/pause")
			.headers((headers) -> {
				headers.setBasicAuth("admin", SampleIntegrationTest.ADMIN_PASSWORD);
				headers.set("X-Jobs-Dashboard", "write");
			})
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void adminWithTheTokenButWithoutTheDashboardHeaderIsRefused() {
		EntityExchangeResult<String> page = get("/jobs", "admin", SampleIntegrationTest.ADMIN_PASSWORD);
		assertThat(page.getResponseBody()).contains("data-post");

		this.client.post()
			.uri("/jobs/api/queues/bulk/pause")
			.headers((headers) -> {
				DashboardSession.signedIn(headers, page, "admin", SampleIntegrationTest.ADMIN_PASSWORD);
				headers.remove("X-Jobs-Dashboard");
			})
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("X-Jobs-Dashboard"));
	}

	@Test
	void adminPausesAndResumesAQueueAndBothAreAudited() {
		EntityExchangeResult<String> page = get("/jobs", "admin", SampleIntegrationTest.ADMIN_PASSWORD);
		for (String action : List.of("pause", "resume")) {
			this.client.post()
				.uri("/jobs/api/queues/bulk/" + action)
				.headers((headers) -> DashboardSession.signedIn(headers, page, "admin", SampleIntegrationTest.ADMIN_PASSWORD))
				.exchange()
				.expectStatus()
				.isOk();
		}
		String audit = get("/jobs/audit", "viewer", SampleIntegrationTest.VIEWER_PASSWORD).getResponseBody();
		assertThat(audit).contains("queue.pause").contains("queue.resume").contains("<td>admin</td>");
	}

	@Test
	void viewerSeesTheSchedulesAndAdminTriggersOne() {
		String schedules = get("/jobs/schedules", "viewer", SampleIntegrationTest.VIEWER_PASSWORD).getResponseBody();
		assertThat(schedules).contains("sync-inventory").contains("daily-report").doesNotContain("data-post");

		EntityExchangeResult<String> page = get("/jobs/schedules", "admin", SampleIntegrationTest.ADMIN_PASSWORD);
		assertThat(page.getResponseBody()).contains("/jobs/api/schedules/sync-inventory/trigger");
		this.client.post()
			.uri("/jobs/api/schedules/sync-inventory/trigger")
			.headers((headers) -> DashboardSession.signedIn(headers, page, "admin", SampleIntegrationTest.ADMIN_PASSWORD))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("\"jobId\""));
		String audit = get("/jobs/audit", "admin", SampleIntegrationTest.ADMIN_PASSWORD).getResponseBody();
		assertThat(audit).contains("schedule.trigger").contains("sync-inventory");
	}

	private EntityExchangeResult<String> get(String path, String user, String password) {
		return DashboardSession.read(this.client, path, user, password);
	}

}
