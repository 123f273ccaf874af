package dev.jobs.sample.dashboard;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.jobs.JobStatus;
import dev.jobs.Jobs;
import dev.jobs.core.port.DeadLetterQuery;
import dev.jobs.core.port.DeadLetterQueue;
import dev.jobs.sample.SampleIntegrationTest;
import dev.jobs.sample.inventory.StockReservations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One dead letter replayed with edited arguments through the dashboard's API: arguments that do
 * not fit the task's parameter types are refused with the reason and change nothing; arguments
 * that fit run as a new job, and the entry leaves the dead-letter queue.
 */
@SampleIntegrationTest
class DashboardEditedReplayIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	private RestTestClient client;

	@Autowired
	private Jobs jobs;

	@Autowired
	private StockReservations reservations;

	@Autowired
	private DeadLetterQueue deadLetters;

	@AfterEach
	void warehouseBack() {
		this.reservations.warehouseDown(false);
		this.deadLetters.purge(DeadLetterQuery.first(1_000).task("reserve-stock"));
	}

	@Test
	void argumentsThatDoNotFitAreRefusedAndArgumentsThatFitRunAsANewJob() {
		String sku = "EDIT-" + UUID.randomUUID();
		this.reservations.warehouseDown(true);
		String failed = this.jobs.enqueue(StockReservations::reserve, sku, 100).id();
		await().atMost(TIMEOUT).until(() -> this.jobs.handle(failed).snapshot().status() == JobStatus.FAILURE);
		await().atMost(TIMEOUT).until(() -> !inQueue(failed).isEmpty());
		this.reservations.warehouseDown(false);
		EntityExchangeResult<String> page = this.client.get()
			.uri("/jobs/failures")
			.headers((headers) -> headers.setBasicAuth("admin", SampleIntegrationTest.ADMIN_PASSWORD))
			.exchange()
			.expectBody(String.class)
			.returnResult();

		this.client.post()
			.uri("/jobs/api/dead-letters/" + failed + "/replay-edited")
			.headers((headers) -> DashboardSession.signedIn(headers, page, "admin", SampleIntegrationTest.ADMIN_PASSWORD))
			.body("[\"" + sku + "\", \"two\"]")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("reserve-stock"));
		assertThat(inQueue(failed)).hasSize(1);

		String replayed = this.client.post()
			.uri("/jobs/api/dead-letters/" + failed + "/replay-edited")
			.headers((headers) -> DashboardSession.signedIn(headers, page, "admin", SampleIntegrationTest.ADMIN_PASSWORD))
			.body("[\"" + sku + "\", 2]")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();

		await().atMost(TIMEOUT).until(() -> this.reservations.reserved(sku) == 2);
		assertThat(replayed).doesNotContain(failed);
		assertThat(inQueue(failed)).isEmpty();
	}

	private List<?> inQueue(String jobId) {
		return this.deadLetters.browse(DeadLetterQuery.first(1_000).ids(java.util.Set.of(jobId)));
	}

}
