package dev.jobs.sample;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import dev.jobs.JobFailure;
import dev.jobs.sample.job.JobView;
import dev.jobs.sample.order.LineItem;
import dev.jobs.sample.order.NewOrder;
import dev.jobs.sample.order.OrderPlaced;
import dev.jobs.sample.order.OrderView;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.awaitility.Awaitility.await;

/**
 * The sample's HTTP API as its integration tests call it.
 */
public final class SampleClient {

	/** How long a test waits for a job, retries included. */
	public static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final RestTestClient client;

	public SampleClient(RestTestClient client) {
		this.client = client;
	}

	/**
	 * Places an order of 59.97 in two lines.
	 * @param email the customer's address, which steers the fake payment provider
	 * @return the answer
	 */
	public OrderPlaced placeOrder(String email) {
		return placeOrder(new NewOrder(email, List.of(new LineItem("MUG-001", 2, new BigDecimal("12.50")),
				new LineItem("TEE-042", 1, new BigDecimal("34.97")))));
	}

	/**
	 * Places an order.
	 * @param order the order
	 * @return the answer
	 */
	public OrderPlaced placeOrder(NewOrder order) {
		return this.client.post()
			.uri("/api/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.body(order)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(OrderPlaced.class)
			.returnResult()
			.getResponseBody();
	}

	/**
	 * {@code GET /api/orders/{id}}.
	 * @param id the order id
	 * @return the order
	 */
	public OrderView order(String id) {
		return this.client.get()
			.uri("/api/orders/{id}", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(OrderView.class)
			.returnResult()
			.getResponseBody();
	}

	/**
	 * {@code GET /api/jobs/{id}} of a job the test enqueued. Its {@code PENDING} record is
	 * written just after the enqueue returns, so until it lands the job answers 404: that is
	 * waited out, briefly.
	 * @param id the job id
	 * @return the job
	 */
	public JobView job(String id) {
		await().atMost(Duration.ofSeconds(5)).until(() -> jobStatus(id), (status) -> status != HttpStatus.NOT_FOUND);
		return this.client.get()
			.uri("/api/jobs/{id}", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JobView.class)
			.returnResult()
			.getResponseBody();
	}

	/**
	 * The HTTP status of {@code GET /api/jobs/{id}}.
	 * @param id the job id
	 * @return the status
	 */
	public HttpStatusCode jobStatus(String id) {
		return this.client.get().uri("/api/jobs/{id}", id).exchange().returnResult().getStatus();
	}

	/**
	 * Waits for a job to reach a terminal status.
	 * @param id the job id
	 * @return the finished job
	 */
	public JobView awaitFinished(String id) {
		return await().atMost(TIMEOUT).until(() -> job(id), (job) -> job.status().isTerminal());
	}

	/**
	 * {@code GET /api/failures}.
	 * @return the failures the sample's listener heard of, newest first
	 */
	public List<JobFailure> failures() {
		return this.client.get()
			.uri("/api/failures")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<List<JobFailure>>() {
			})
			.returnResult()
			.getResponseBody();
	}

}
