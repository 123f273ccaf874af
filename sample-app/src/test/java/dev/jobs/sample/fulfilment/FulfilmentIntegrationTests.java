package dev.jobs.sample.fulfilment;

import java.util.List;

import dev.jobs.sample.SampleIntegrationTest;
import dev.jobs.sample.catalog.CatalogImportStarted;
import dev.jobs.workflow.BatchSnapshot;
import dev.jobs.workflow.WorkflowSnapshot;
import dev.jobs.workflow.WorkflowStatus;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.jobs.sample.SampleClient.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample's workflows as its users drive them over HTTP: an order's fulfilment (every line
 * picked side by side, a summary, a notification) and the catalog import batch, whose supplier
 * jobs add page jobs.
 */
@SampleIntegrationTest
class FulfilmentIntegrationTests {

	@Autowired
	private RestTestClient client;

	@Test
	void fulfilmentPicksEveryLineThenSummarizesAndNotifies() {
		FulfilmentStarted started = this.client.post()
			.uri("/api/orders/o-7/fulfil")
			.contentType(MediaType.APPLICATION_JSON)
			.body(List.of(new LineItemPick("sku-1", 2), new LineItemPick("sku-2", 1), new LineItemPick("sku-3", 4)))
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody(FulfilmentStarted.class)
			.returnResult()
			.getResponseBody();

		WorkflowSnapshot done = await().atMost(TIMEOUT)
			.until(() -> workflow(started.workflowId()), (snapshot) -> snapshot.status().isTerminal());
		assertThat(done.status()).as("failure: %s", done.failure()).isEqualTo(WorkflowStatus.SUCCESS);
		assertThat(done.progress().done()).isEqualTo(5);
		assertThat(done.progress().total()).isEqualTo(5);
	}

	@Test
	void catalogImportCompletesOnceEverySupplierAndEveryPageItAddedIsImported() {
		CatalogImportStarted started = this.client.post()
			.uri("/api/catalog/import")
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody(CatalogImportStarted.class)
			.returnResult()
			.getResponseBody();

		BatchSnapshot done = await().atMost(TIMEOUT)
			.until(() -> batch(started.batchId()), (snapshot) -> snapshot.status().isTerminal());
		assertThat(done.status()).isEqualTo(WorkflowStatus.SUCCESS);
		assertThat(done.total()).isEqualTo(3 + 3 * 3);
		assertThat(done.pending()).isZero();
	}

	private WorkflowSnapshot workflow(String id) {
		return this.client.get()
			.uri("/api/workflows/" + id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(WorkflowSnapshot.class)
			.returnResult()
			.getResponseBody();
	}

	private BatchSnapshot batch(String id) {
		return this.client.get()
			.uri("/api/batches/" + id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(BatchSnapshot.class)
			.returnResult()
			.getResponseBody();
	}

}
