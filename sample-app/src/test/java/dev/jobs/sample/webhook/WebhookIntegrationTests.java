package dev.jobs.sample.webhook;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import dev.jobs.JobStatus;
import dev.jobs.core.port.CircuitBreakers;
import dev.jobs.sample.SampleClient;
import dev.jobs.sample.SampleIntegrationTest;
import dev.jobs.sample.job.JobView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.jobs.sample.SampleClient.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;
import static org.awaitility.Awaitility.await;

/**
 * The flaky webhook: its receiver is down for two attempts, and the {@code webhook} policy
 * retries the {@link IOException} until the third gets through.
 */
@SampleIntegrationTest
class WebhookIntegrationTests {

	@Autowired
	private RestTestClient client;

	@Autowired
	private CircuitBreakers breakers;

	private SampleClient sample;

	@BeforeEach
	void createSampleClient() {
		this.sample = new SampleClient(this.client);
		// The flaky receiver's failures of earlier tests must not leave the breaker open for this one.
		this.breakers.force("send-webhook", false);
	}

	@Test
	void webhookFailingTwiceIsRetriedAndSucceedsOnAttemptThree() {
		String jobId = send(new NewWebhook(URI.create("https://hooks.example.com/orders"),
				Map.of("event", "order.paid", "orderId", "o-42"))).jobId();

		JobView retrying = await().atMost(TIMEOUT)
			.until(() -> this.sample.job(jobId), (job) -> job.status() == JobStatus.RETRYING);
		assertThat(retrying.attempts()).isBetween(1, 2);
		assertThat(retrying.nextAttemptAt()).isAfter(retrying.startedAt());
		assertThat(retrying.error().type()).isEqualTo(IOException.class.getName());
		assertThat(retrying.error().message()).contains("503");

		JobView done = this.sample.awaitFinished(jobId);
		assertThat(done.status()).as("webhook job error: %s", done.error()).isEqualTo(JobStatus.SUCCESS);
		assertThat(done.task()).isEqualTo("send-webhook");
		assertThat(done.attempts()).isEqualTo(3);
		assertThat(done.nextAttemptAt()).isNull();
		assertThat(done.result()).asInstanceOf(MAP)
			.containsEntry("url", "https://hooks.example.com/orders")
			.containsEntry("status", 200)
			.containsEntry("attempt", 3);
	}

	@Test
	void broadcastQueuesOneJobPerReceiverAndEachIsDelivered() {
		List<URI> receivers = List.of(URI.create("https://a.example.com/hook"), URI.create("https://b.example.com/hook"),
				URI.create("https://c.example.com/hook"));
		WebhooksQueued queued = this.client.post()
			.uri("/api/webhooks/broadcast")
			.contentType(MediaType.APPLICATION_JSON)
			.body(new WebhookBroadcast(receivers, Map.of("event", "catalog.updated")))
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody(WebhooksQueued.class)
			.returnResult()
			.getResponseBody();

		assertThat(queued.jobIds()).hasSize(3).doesNotHaveDuplicates();
		for (int i = 0; i < receivers.size(); i++) {
			JobView done = this.sample.awaitFinished(queued.jobIds().get(i));
			assertThat(done.status()).as("webhook job error: %s", done.error()).isEqualTo(JobStatus.SUCCESS);
			assertThat(done.result()).asInstanceOf(MAP).containsEntry("url", receivers.get(i).toString());
		}
	}

	@Test
	void webhookWithoutAnHttpUrlIsRejected() {
		this.client.post()
			.uri("/api/webhooks")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"url\":\"ftp://hooks.example.com\",\"payload\":{}}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail).asString().contains("http or https"));
	}

	private WebhookQueued send(NewWebhook webhook) {
		return this.client.post()
			.uri("/api/webhooks")
			.contentType(MediaType.APPLICATION_JSON)
			.body(webhook)
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody(WebhookQueued.class)
			.returnResult()
			.getResponseBody();
	}

}
