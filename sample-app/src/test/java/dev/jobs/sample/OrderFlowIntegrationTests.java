package dev.jobs.sample;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import dev.jobs.JobStatus;
import dev.jobs.sample.job.JobView;
import dev.jobs.sample.mail.FakeMailGateway;
import dev.jobs.sample.order.LineItem;
import dev.jobs.sample.order.NewOrder;
import dev.jobs.sample.order.OrderPlaced;
import dev.jobs.sample.order.OrderView;
import dev.jobs.sample.report.ReportRequested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;
import static org.awaitility.Awaitility.await;

/**
 * The sample end to end over HTTP, against the RabbitMQ and Redis on localhost. Results go
 * under a key prefix of their own, so runs never read each other's jobs, and expire soon.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "SAMPLE_ADMIN_PASSWORD=" + OrderFlowIntegrationTests.ADMIN_PASSWORD,
				"jobs.redis.key-prefix=sample-test-${random.uuid}:", "jobs.results.ttl=10m" })
@AutoConfigureRestTestClient
class OrderFlowIntegrationTests {

	static final String ADMIN_PASSWORD = "admin-password-for-tests";

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	private RestTestClient client;

	@Autowired
	private FakeMailGateway mailGateway;

	@Test
	void placedOrderIsChargedAndConfirmedInTheBackground() {
		String email = "ada-" + UUID.randomUUID() + "@example.com";
		OrderPlaced placed = placeOrder(email);

		JobView payment = awaitFinished(placed.paymentJobId());
		assertThat(payment.status()).as("payment job error: %s", payment.error()).isEqualTo(JobStatus.SUCCESS);
		assertThat(payment.task()).isEqualTo("charge-payment");
		assertThat(payment.attempts()).isEqualTo(1);
		assertThat(payment.finishedAt()).isNotNull();
		assertThat(payment.result()).asInstanceOf(MAP)
			.containsEntry("orderId", placed.orderId())
			.hasEntrySatisfying("receiptId", (id) -> assertThat(id).asString().startsWith("pay_"));

		OrderView order = getOrder(placed.orderId());
		assertThat(order.paymentStatus()).isEqualTo(JobStatus.SUCCESS);
		assertThat(order.receipt().amount()).isEqualByComparingTo("59.97");

		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(this.mailGateway.sent()).anySatisfy((mail) -> {
			assertThat(mail.to()).isEqualTo(email);
			assertThat(mail.subject()).contains(placed.orderId());
			assertThat(mail.body()).contains("59.97");
		}));
	}

	@Test
	void dailySalesReportEnqueuedByTaskNameCountsTheDaysOrders() {
		OrderPlaced placed = placeOrder("grace-" + UUID.randomUUID() + "@example.com");
		LocalDate day = getOrder(placed.orderId()).placedAt().atZone(ZoneOffset.UTC).toLocalDate();

		ReportRequested requested = this.client.post()
			.uri("/api/reports/daily?day={day}", day)
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody(ReportRequested.class)
			.returnResult()
			.getResponseBody();

		JobView report = awaitFinished(requested.jobId());
		assertThat(report.status()).as("report job error: %s", report.error()).isEqualTo(JobStatus.SUCCESS);
		assertThat(report.result()).asInstanceOf(MAP)
			.containsEntry("day", day.toString())
			.hasEntrySatisfying("orders", (orders) -> assertThat((Integer) orders).isPositive());
	}

	@Test
	void actuatorAsksForTheAdminPassword() {
		this.client.get().uri("/actuator/health").exchange().expectStatus().isUnauthorized();
		this.client.get()
			.uri("/actuator/health")
			.headers((headers) -> headers.setBasicAuth("admin", "wrong-password"))
			.exchange()
			.expectStatus()
			.isUnauthorized();
		this.client.get()
			.uri("/actuator/health")
			.headers((headers) -> headers.setBasicAuth("admin", ADMIN_PASSWORD))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
	}

	private OrderPlaced placeOrder(String email) {
		NewOrder order = new NewOrder(email, List.of(new LineItem("MUG-001", 2, new BigDecimal("12.50")),
				new LineItem("TEE-042", 1, new BigDecimal("34.97"))));
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

	private OrderView getOrder(String id) {
		return this.client.get()
			.uri("/api/orders/{id}", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(OrderView.class)
			.returnResult()
			.getResponseBody();
	}

	private JobView awaitFinished(String jobId) {
		return await().atMost(TIMEOUT).until(() -> getJob(jobId), (job) -> job.status().isTerminal());
	}

	private JobView getJob(String id) {
		return this.client.get()
			.uri("/api/jobs/{id}", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JobView.class)
			.returnResult()
			.getResponseBody();
	}

}
