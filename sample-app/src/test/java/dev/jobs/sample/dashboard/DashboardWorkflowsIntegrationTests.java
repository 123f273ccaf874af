package dev.jobs.sample.dashboard;

import java.time.Duration;
import java.util.List;

import dev.jobs.sample.SampleIntegrationTest;
import dev.jobs.sample.catalog.CatalogImportStarted;
import dev.jobs.sample.fulfilment.FulfilmentStarted;
import dev.jobs.sample.fulfilment.LineItemPick;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard's workflows page with the sample's own workflow and batch, started over HTTP as
 * its users start them: an order's fulfilment shows its steps ending and then its success, the
 * catalog import its members' counts; a step's and a member's job pages link to them.
 */
@SampleIntegrationTest
class DashboardWorkflowsIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	private RestTestClient client;

	@Test
	void theWorkflowsPageShowsAFulfilmentAndACatalogImportWithTheirProgress() {
		String workflowId = this.client.post()
			.uri("/api/orders/o-dash/fulfil")
			.contentType(MediaType.APPLICATION_JSON)
			.body(List.of(new LineItemPick("sku-1", 1), new LineItemPick("sku-2", 2)))
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody(FulfilmentStarted.class)
			.returnResult()
			.getResponseBody()
			.workflowId();
		String batchId = this.client.post()
			.uri("/api/catalog/import")
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody(CatalogImportStarted.class)
			.returnResult()
			.getResponseBody()
			.batchId();

		await().atMost(TIMEOUT).untilAsserted(() -> {
			String page = page();
			assertThat(row(page, "data-workflow=\"" + workflowId + "\"")).contains("data-status=\"SUCCESS\"")
				.contains("4 of 4");
			assertThat(row(page, "data-batch=\"" + batchId + "\"")).contains("12 of 12");
		});
		assertThat(page()).as("the workflows page is read-only").doesNotContain("<button");

		String step = memberJob("summarize-fulfilment", "workflow", workflowId);
		assertThat(jobPage(step)).contains("<td id=\"workflow\"><a href=\"/jobs/workflows#workflow-" + workflowId + "\">");
		String member = memberJob("import-catalog-page", "batch", batchId);
		assertThat(jobPage(member)).contains("<td id=\"batch\"><a href=\"/jobs/workflows#batch-" + batchId + "\">");
		assertThat(page()).contains("id=\"workflow-" + workflowId + "\"").contains("id=\"batch-" + batchId + "\"");
	}

	/** The id of a job of the task that belongs to the given workflow or batch, as its record says. */
	private String memberJob(String task, String field, String id) {
		JsonNode found = JsonMapper.shared()
			.readTree(DashboardSession
				.read(this.client, "/jobs/api/jobs?task=" + task + "&size=100", "viewer",
						SampleIntegrationTest.VIEWER_PASSWORD)
				.getResponseBody());
		for (JsonNode record : found.path("records")) {
			if (id.equals(record.path("membership").path(field).asString(null))) {
				return record.path("id").asString();
			}
		}
		throw new AssertionError("No record of task " + task + " names " + field + " " + id + ": " + found);
	}

	private String jobPage(String jobId) {
		return DashboardSession.read(this.client, "/jobs/jobs/" + jobId, "viewer", SampleIntegrationTest.VIEWER_PASSWORD)
			.getResponseBody();
	}

	private String page() {
		return DashboardSession.read(this.client, "/jobs/workflows", "viewer", SampleIntegrationTest.VIEWER_PASSWORD)
			.getResponseBody();
	}

	private static String row(String page, String marker) {
		int at = page.indexOf(marker);
		assertThat(at).as("a row with " + marker).isNotNegative();
		return page.substring(at, page.indexOf("</tr>", at));
	}

}
