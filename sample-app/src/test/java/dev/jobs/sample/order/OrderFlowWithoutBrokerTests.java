package dev.jobs.sample.order;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.jobs.sample.ClosedPorts;
import dev.jobs.JobSnapshot;
import dev.jobs.JobStatus;
import dev.jobs.Jobs;
import dev.jobs.sample.SampleClient;
import dev.jobs.sample.mail.FakeMailGateway;
import dev.jobs.sample.payment.FakePaymentGateway;
import dev.jobs.sample.payment.PaymentGatewayTimeoutException;
import dev.jobs.sample.payment.PaymentReceipt;
import dev.jobs.test.AutoConfigureJobs;
import dev.jobs.test.CapturedJob;
import dev.jobs.test.JobsTestHarness;
import dev.jobs.test.JobsTestMode;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order flow as a user of the starter tests it in their own build: the whole application
 * over HTTP, its jobs run in memory by {@code @AutoConfigureJobs}, with RabbitMQ and Redis
 * pointed at a port nothing listens on. The charge and the confirmation mail run before
 * {@code POST /api/orders} answers; a charge that times out is retried on the {@code payment}
 * policy's schedule (10 s, then 60 s), which the test plays out by advancing the clock.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@AutoConfigureJobs(mode = JobsTestMode.INLINE)
class OrderFlowWithoutBrokerTests {

	/** Customers whose address contains this get two timeouts from the provider, then a charge. */
	private static final String TIMES_OUT_TWICE = "times-out-twice";

	@DynamicPropertySource
	static void noBrokerAndNoRedis(DynamicPropertyRegistry registry) {
		int closed = ClosedPorts.any();
		registry.add("spring.rabbitmq.host", () -> "127.0.0.1");
		registry.add("spring.rabbitmq.port", () -> closed);
		registry.add("spring.data.redis.host", () -> "127.0.0.1");
		registry.add("spring.data.redis.port", () -> closed);
	}

	@Autowired
	private RestTestClient client;

	@Autowired
	private JobsTestHarness jobs;

	@Autowired
	private Jobs jobsApi;

	@Autowired
	private FakeMailGateway mail;

	private SampleClient sample;

	@BeforeEach
	void createSampleClient() {
		this.sample = new SampleClient(this.client);
	}

	@Test
	void placedOrderIsChargedAndConfirmedBeforeTheRequestReturns() {
		String email = "ada-" + UUID.randomUUID() + "@example.com";

		OrderPlaced placed = this.sample.placeOrder(email);

		OrderView order = this.sample.order(placed.orderId());
		assertThat(order.paymentStatus()).isEqualTo(JobStatus.SUCCESS);
		assertThat(order.receipt().amount()).isEqualByComparingTo("59.97");
		assertThat(this.jobs.enqueued("charge-payment")).singleElement().satisfies((charge) -> {
			assertThat(charge.id()).isEqualTo(placed.paymentJobId());
			assertThat(charge.queue()).isEqualTo("critical");
			assertThat(charge.args()).containsExactly(placed.orderId(), new BigDecimal("59.97"), email);
		});
		assertThat(this.jobs.enqueued("send-confirmation-email")).singleElement()
			.satisfies((confirmation) -> assertThat(confirmation.args()).containsExactly(placed.orderId(), email));
		assertThat(this.mail.sent()).anySatisfy((sent) -> {
			assertThat(sent.to()).isEqualTo(email);
			assertThat(sent.subject()).contains(placed.orderId());
		});
	}

	@Test
	void chargeThatTimesOutTwiceIsRetriedAfterTenThenSixtySecondsAndThenConfirmed() {
		String email = TIMES_OUT_TWICE + "-" + UUID.randomUUID() + "@example.com";
		Instant placedAt = this.jobs.clock().instant();

		OrderPlaced placed = this.sample.placeOrder(email);

		assertThat(payment(placed).status()).isEqualTo(JobStatus.RETRYING);
		assertThat(payment(placed).nextAttemptAt()).isEqualTo(placedAt.plusSeconds(10));
		this.jobs.advance(Duration.ofSeconds(9));
		assertThat(payment(placed).attempts()).isEqualTo(1);
		this.jobs.advance(Duration.ofSeconds(1));
		assertThat(payment(placed).status()).isEqualTo(JobStatus.RETRYING);
		assertThat(payment(placed).attempts()).isEqualTo(2);
		assertThat(payment(placed).nextAttemptAt()).isEqualTo(placedAt.plusSeconds(70));
		assertThat(this.mail.sent()).noneSatisfy((sent) -> assertThat(sent.to()).isEqualTo(email));

		this.jobs.advance(Duration.ofSeconds(60));

		assertThat(payment(placed).status()).isEqualTo(JobStatus.SUCCESS);
		assertThat(payment(placed).attempts()).isEqualTo(3);
		assertThat(this.sample.order(placed.orderId()).paymentStatus()).isEqualTo(JobStatus.SUCCESS);
		assertThat(this.jobs.enqueued("charge-payment")).extracting(CapturedJob::attempt, CapturedJob::dueAt)
			.containsExactly(Tuple.tuple(1, null), Tuple.tuple(2, placedAt.plusSeconds(10)),
					Tuple.tuple(3, placedAt.plusSeconds(70)));
		assertThat(this.mail.sent()).anySatisfy((sent) -> assertThat(sent.to()).isEqualTo(email));
		assertThat(this.jobs.deadLetters()).isEmpty();
	}

	private JobSnapshot<PaymentReceipt> payment(OrderPlaced placed) {
		return this.jobsApi.handle(placed.paymentJobId(), PaymentReceipt.class).snapshot();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class TimeoutsConfiguration {

		/**
		 * The sample's provider, which for some customers first times out twice: a timeout is
		 * what the {@code payment} policy retries.
		 */
		@Bean
		@Primary
		FakePaymentGateway timingOutPaymentGateway() {
			return new FakePaymentGateway(new BigDecimal("10000")) {

				private final Map<String, Integer> timeouts = new ConcurrentHashMap<>();

				@Override
				public PaymentReceipt charge(String orderId, BigDecimal amount, String customerEmail,
						String idempotencyKey) {
					if (customerEmail.contains(TIMES_OUT_TWICE)
							&& this.timeouts.merge(idempotencyKey, 1, Integer::sum) <= 2) {
						throw new PaymentGatewayTimeoutException(orderId);
					}
					return super.charge(orderId, amount, customerEmail, idempotencyKey);
				}

			};
		}

	}

}
