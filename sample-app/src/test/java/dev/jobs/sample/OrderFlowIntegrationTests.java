package dev.jobs.sample;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import dev.jobs.JobStatus;
import dev.jobs.sample.job.JobView;
import dev.jobs.sample.mail.FakeMailGateway;
import dev.jobs.sample.order.OrderPlaced;
import dev.jobs.sample.order.OrderView;
import dev.jobs.sample.order.ReminderScheduled;
import dev.jobs.sample.report.ReportRequested;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.jobs.sample.SampleClient.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;
import static org.awaitility.Awaitility.await;

/**
 * The sample end to end over HTTP, against the RabbitMQ and Redis on localhost: orders are
 * charged and confirmed in the background, reports are built by task name, a reminder waits
 * out its delay in the broker, and a job id that was never enqueued is not found.
 */
@SampleIntegrationTest
class OrderFlowIntegrationTests {

	@Autowired
	private RestTestClient client;

	@Autowired
	private FakeMailGateway mailGateway;

	private SampleClient sample;

	@BeforeEach
	void createSampleClient() {
		this.sample = new SampleClient(this.client);
	}

	@Test
	void jobIdThatWasNeverEnqueuedIsNotFound() {
		assertThat(this.sample.jobStatus(UUID.randomUUID().toString())).isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void placedOrdersPaymentJobIsFoundFromItsEnqueueOn() {
		OrderPlaced placed = this.sample.placeOrder("grace-" + UUID.randomUUID() + "@example.com");

		assertThat(this.sample.job(placed.paymentJobId()).status()).isNotEqualTo(JobStatus.UNKNOWN);
		assertThat(this.sample.jobStatus(placed.paymentJobId())).isEqualTo(HttpStatus.OK);
	}

	@Test
	void placedOrderIsChargedAndConfirmedInTheBackground() {
		String email = "ada-" + UUID.randomUUID() + "@example.com";
		OrderPlaced placed = this.sample.placeOrder(email);

		JobView payment = this.sample.awaitFinished(placed.paymentJobId());
		assertThat(payment.status()).as("payment job error: %s", payment.error()).isEqualTo(JobStatus.SUCCESS);
		assertThat(payment.task()).isEqualTo("charge-payment");
		assertThat(payment.attempts()).isEqualTo(1);
		assertThat(payment.finishedAt()).isNotNull();
		assertThat(payment.result()).asInstanceOf(MAP)
			.containsEntry("orderId", placed.orderId())
			.hasEntrySatisfying("receiptId", (id) -> assertThat(id).asString().startsWith("pay_"));

		OrderView order = this.sample.order(placed.orderId());
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
		OrderPlaced placed = this.sample.placeOrder("grace-" + UUID.randomUUID() + "@example.com");
		LocalDate day = this.sample.order(placed.orderId()).placedAt().atZone(ZoneOffset.UTC).toLocalDate();

		ReportRequested requested = this.client.post()
			.uri("/api/reports/daily?day={day}", day)
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody(ReportRequested.class)
			.returnResult()
			.getResponseBody();

		JobView report = this.sample.awaitFinished(requested.jobId());
		assertThat(report.status()).as("report job error: %s", report.error()).isEqualTo(JobStatus.SUCCESS);
		assertThat(report.result()).asInstanceOf(MAP)
			.containsEntry("day", day.toString())
			.hasEntrySatisfying("orders", (orders) -> assertThat((Integer) orders).isPositive());
	}

	@Test
	void reminderIsHeldBackForItsDelayThenMailed() {
		String email = "alan-" + UUID.randomUUID() + "@example.com";
		OrderPlaced placed = this.sample.placeOrder(email);
		Duration delay = Duration.ofSeconds(2);

		ReminderScheduled scheduled = this.client.post()
			.uri("/api/orders/{id}/reminder?in={in}", placed.orderId(), delay)
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody(ReminderScheduled.class)
			.returnResult()
			.getResponseBody();
		assertThat(this.sample.job(scheduled.jobId()).status()).isEqualTo(JobStatus.PENDING);

		JobView reminder = this.sample.awaitFinished(scheduled.jobId());
		assertThat(reminder.status()).as("reminder job error: %s", reminder.error()).isEqualTo(JobStatus.SUCCESS);
		assertThat(reminder.task()).isEqualTo("send-order-reminder");
		assertThat(reminder.startedAt()).isAfterOrEqualTo(scheduled.dueAt());
		assertThat(this.mailGateway.sent()).anySatisfy((mail) -> {
			assertThat(mail.to()).isEqualTo(email);
			assertThat(mail.subject()).startsWith("Still thinking about order " + placed.orderId());
		});
	}

	@Test
	void cancelledReminderIsNeverMailed() {
		String email = "grace-" + UUID.randomUUID() + "@example.com";
		OrderPlaced placed = this.sample.placeOrder(email);
		ReminderScheduled scheduled = this.client.post()
			.uri("/api/orders/{id}/reminder?in={in}", placed.orderId(), Duration.ofSeconds(3))
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody(ReminderScheduled.class)
			.returnResult()
			.getResponseBody();
		await().atMost(TIMEOUT).until(() -> this.sample.job(scheduled.jobId()).task() != null);

		this.client.delete().uri("/api/jobs/{id}", scheduled.jobId()).exchange().expectStatus().isOk();

		// CANCELLED at once, or when the worker skips it if the cancel came within a second of it being due.
		await().atMost(TIMEOUT).until(() -> this.sample.job(scheduled.jobId()).status() == JobStatus.CANCELLED);
		JobView cancelled = this.sample.job(scheduled.jobId());
		assertThat(cancelled.reason()).isEqualTo("cancelled");
		assertThat(cancelled.attempts()).isZero();
		assertThat(this.mailGateway.sent()).filteredOn((mail) -> mail.to().equals(email))
			.noneSatisfy((mail) -> assertThat(mail.subject()).startsWith("Still thinking"));
	}

	@Test
	void reminderDelayBeyondTheBrokersReachIsRejected() {
		OrderPlaced placed = this.sample.placeOrder("alan-" + UUID.randomUUID() + "@example.com");
		this.client.post()
			.uri("/api/orders/{id}/reminder?in=P60D", placed.orderId())
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail).asString().contains("at most 48 days").contains("PT1440H"));
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
			.headers((headers) -> headers.setBasicAuth("admin", SampleIntegrationTest.ADMIN_PASSWORD))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
	}

}
