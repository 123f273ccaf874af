package dev.jobs.sample.dashboard;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import dev.jobs.Jobs;
import dev.jobs.core.port.DeadLetterQuery;
import dev.jobs.core.port.DeadLetterQueue;
import dev.jobs.core.port.FailureResolutions;
import dev.jobs.sample.SampleIntegrationTest;
import dev.jobs.sample.inventory.StockReservations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A cause of failure marked resolved through the dashboard: only a writer may mark it; the mark
 * is shared and audited; the group stays on the failures page, shown resolved, until a job fails
 * with the same cause again, when it shows as recurred; and the mark can be taken away.
 */
@SampleIntegrationTest
class DashboardResolveIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	private RestTestClient client;

	@Autowired
	private Jobs jobs;

	@Autowired
	private StockReservations reservations;

	@Autowired
	private DeadLetterQueue deadLetters;

	@Autowired
	private FailureResolutions resolutions;

	private String fingerprint;

	@AfterEach
	void warehouseBack() {
		this.reservations.warehouseDown(false);
		this.deadLetters.purge(DeadLetterQuery.first(1_000).task("reserve-stock"));
		if (this.fingerprint != null) {
			this.resolutions.reopen(this.fingerprint);
		}
	}

	@Test
	void aResolvedCauseShowsResolvedUntilItFailsAgainAndCanBeReopened() {
		this.reservations.warehouseDown(true);
		String first = deadLettered();
		this.fingerprint = fingerprintOf(first);

		EntityExchangeResult<String> viewerPage = get("/jobs/failures", "viewer", SampleIntegrationTest.VIEWER_PASSWORD);
		post("/jobs/api/failures/" + this.fingerprint + "/resolve", viewerPage, "viewer",
				SampleIntegrationTest.VIEWER_PASSWORD)
			.expectStatus()
			.isForbidden();
		assertThat(this.resolutions.all()).doesNotContainKey(this.fingerprint);

		EntityExchangeResult<String> adminPage = get("/jobs/failures", "admin", SampleIntegrationTest.ADMIN_PASSWORD);
		post("/jobs/api/failures/" + this.fingerprint + "/resolve", adminPage, "admin",
				SampleIntegrationTest.ADMIN_PASSWORD)
			.expectStatus()
			.isOk();
		awaitState("RESOLVED");
		assertThat(get("/jobs/failures", "admin", SampleIntegrationTest.ADMIN_PASSWORD).getResponseBody())
			.contains("/jobs/api/failures/" + this.fingerprint + "/reopen");

		deadLettered();
		awaitState("RECURRED");

		post("/jobs/api/failures/" + this.fingerprint + "/reopen", adminPage, "admin",
				SampleIntegrationTest.ADMIN_PASSWORD)
			.expectStatus()
			.isOk();
		awaitState("OPEN");
		assertThat(get("/jobs/audit", "viewer", SampleIntegrationTest.VIEWER_PASSWORD).getResponseBody())
			.contains("dlq.resolve")
			.contains("dlq.reopen")
			.contains(this.fingerprint);
	}

	/**
	 * Waits until the failures page shows the group in the given state: the page shows the
	 * latest read of the dead-letter queue, which a failure outside the dashboard reaches within
	 * {@code jobs.dashboard.failures-max-age}.
	 */
	private void awaitState(String state) {
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(stateOnThePage("viewer", SampleIntegrationTest.VIEWER_PASSWORD))
				.isEqualTo(state));
	}

	/** Enqueues a reservation while the warehouse is down and waits until it is a dead letter. */
	private String deadLettered() {
		String id = this.jobs.enqueue(StockReservations::reserve, "RESOLVE-" + UUID.randomUUID(), 1).id();
		await().atMost(TIMEOUT)
			.until(() -> !this.deadLetters.browse(DeadLetterQuery.first(1_000).ids(Set.of(id))).isEmpty());
		return id;
	}

	private String fingerprintOf(String jobId) {
		return await("a failure group holding job " + jobId).atMost(TIMEOUT)
			.until(() -> groupOf(jobId), Objects::nonNull);
	}

	/** The fingerprint of the group holding the job on the failures API, or {@code null}. */
	private String groupOf(String jobId) {
		JsonNode groups = JsonMapper.builder()
			.build()
			.readTree(get("/jobs/api/failures", "viewer", SampleIntegrationTest.VIEWER_PASSWORD).getResponseBody());
		for (JsonNode group : groups) {
			for (JsonNode id : group.path("jobIds")) {
				if (id.asString().equals(jobId)) {
					return group.path("fingerprint").asString();
				}
			}
		}
		return null;
	}

	private String stateOnThePage(String user, String password) {
		String page = get("/jobs/failures", user, password).getResponseBody();
		String row = "<tr data-fingerprint=\"" + this.fingerprint + "\" data-state=\"";
		int at = page.indexOf(row);
		assertThat(at).as("the group's row on the failures page").isNotNegative();
		return page.substring(at + row.length(), page.indexOf('"', at + row.length()));
	}

	private RestTestClient.ResponseSpec post(String path, EntityExchangeResult<String> page, String user,
			String password) {
		return this.client.post()
			.uri(path)
			.headers((headers) -> DashboardSession.signedIn(headers, page, user, password))
			.exchange();
	}

	private EntityExchangeResult<String> get(String path, String user, String password) {
		return DashboardSession.read(this.client, path, user, password);
	}

}
