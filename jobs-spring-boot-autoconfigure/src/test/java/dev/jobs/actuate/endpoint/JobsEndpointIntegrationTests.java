package dev.jobs.actuate.endpoint;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.jayway.jsonpath.JsonPath;
import com.rabbitmq.client.AMQP;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.jobs.BackgroundTask;
import dev.jobs.JobContext;
import dev.jobs.JobHandle;
import dev.jobs.JobStatus;
import dev.jobs.Jobs;
import dev.jobs.LocalBroker;
import dev.jobs.rabbit.JobConsumers;
import dev.jobs.workflow.BatchHandle;
import dev.jobs.workflow.WorkflowHandle;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.jobs.workflow.Workflows.chain;
import static dev.jobs.workflow.Workflows.sig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /actuator/jobs} over HTTP, in an application with a worker, against the real RabbitMQ
 * and Redis, in a namespace of its own (its own exchange, queues, dead-letter queue and Redis
 * keys), deleted afterwards.
 */
@SpringBootTest(classes = JobsEndpointIntegrationTests.Application.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.rabbitmq.host=127.0.0.1", "spring.data.redis.host=127.0.0.1",
				"management.endpoints.web.exposure.include=jobs,health,metrics",
				"management.endpoint.health.show-details=always", "jobs.worker.shutdown-timeout=5s",
				"jobs.retry.default.no-retry-on=java.lang.IllegalStateException" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext
class JobsEndpointIntegrationTests {

	private static final String QUEUE = "it-ops-" + UUID.randomUUID().toString().substring(0, 8);

	private static final String PREFIX = "it-" + QUEUE;

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@LocalServerPort
	private int port;

	@Autowired
	private Jobs jobs;

	@Autowired
	private ShopTasks tasks;

	private RestTestClient http;

	@DynamicPropertySource
	static void jobQueue(DynamicPropertyRegistry registry) {
		registry.add("jobs.default-queue", () -> QUEUE);
		registry.add("jobs.worker.queues", () -> QUEUE);
		registry.add("jobs.queues." + QUEUE + ".concurrency", () -> 2);
		registry.add("jobs.queues." + QUEUE + ".prefetch", () -> 1);
		registry.add("jobs.redis.key-prefix", () -> "it:" + QUEUE + ":");
		registry.add("jobs.rabbit.prefix", () -> PREFIX);
	}

	@BeforeEach
	void client() {
		this.http = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port + "/actuator").build();
	}

	@AfterAll
	void cleanUp(@Autowired JobConsumers worker) {
		worker.stop();
		LocalBroker.deleteNamespace(PREFIX);
	}

	@Test
	void overviewNumbersMatchWhatRabbitMQReports() throws InterruptedException {
		CountDownLatch release = this.tasks.holdUntil();
		try {
			for (int i = 0; i < 5; i++) {
				this.jobs.enqueue(ShopTasks::hold, "held-" + i);
			}
			// 2 consumers with prefetch 1: 2 jobs running (unacknowledged), 3 waiting.
			await().atMost(TIMEOUT).untilAsserted(() -> {
				String overview = get("/jobs");
				LocalBroker.QueueCounts broker = LocalBroker.listedCounts(PREFIX + "." + QUEUE);
				assertThat(broker).isEqualTo(new LocalBroker.QueueCounts(3, 2, 2));
				assertThat(queueField(overview, "ready")).isEqualTo(broker.ready());
				assertThat(queueField(overview, "unacked")).isEqualTo(broker.unacked());
				assertThat(queueField(overview, "consumers")).isEqualTo(broker.consumers());
			});
			String overview = get("/jobs");
			assertThat((String) JsonPath.read(overview, "$.source")).isEqualTo("MANAGEMENT_API");
			assertThat((Integer) JsonPath.read(overview, "$.deadLetters")).isNotNegative();
			assertThat((Integer) JsonPath.read(overview, "$.delayed")).isZero();
			assertThat((List<String>) JsonPath.read(overview, "$.worker.queues")).containsExactly(QUEUE);
			assertThat((Boolean) JsonPath.read(overview, "$.worker.running")).isTrue();
			assertThat(((Number) JsonPath.read(overview, "$.totals.enqueued")).longValue()).isGreaterThanOrEqualTo(5);
		}
		finally {
			release.countDown();
		}
		await().atMost(TIMEOUT).until(() -> LocalBroker.listedCounts(PREFIX + "." + QUEUE).equals(new LocalBroker.QueueCounts(0, 0, 2)));
	}

	@Test
	void deadLettersAreListedWithTheirArgumentsHidden() {
		JobHandle<String> handle = this.jobs.enqueue(ShopTasks::refund, "customer-list", new BigDecimal("9.99"));
		awaitDeadLetter(handle.id());

		this.http.get()
			.uri("/jobs/dlq?queue={queue}&ids={id}", QUEUE, handle.id())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.entries.length()").isEqualTo(1)
			.jsonPath("$.entries[0].jobId").isEqualTo(handle.id())
			.jsonPath("$.entries[0].task").isEqualTo("ops-endpoint-refund")
			.jsonPath("$.entries[0].queue").isEqualTo(QUEUE)
			.jsonPath("$.entries[0].args").isEqualTo("******")
			.jsonPath("$.entries[0].attempts").isEqualTo(1)
			.jsonPath("$.entries[0].errorType").isEqualTo(IllegalStateException.class.getName())
			.jsonPath("$.entries[0].errorMessage").isEqualTo("payment gateway timed out for customer-list")
			.jsonPath("$.entries[0].stackTrace").isNotEmpty()
			.jsonPath("$.entries[0].firstFailedAt").isNotEmpty()
			.jsonPath("$.entries[0].lastFailedAt").isNotEmpty()
			.jsonPath("$.entries[0].reason").isEqualTo("NOT_RETRYABLE")
			.jsonPath("$.entries[0].replays").isEqualTo(0);
	}

	@Test
	void replayThroughTheEndpointRunsTheJobAgainAndTakesItOffTheDeadLetterQueue() {
		JobHandle<String> handle = this.jobs.enqueue(ShopTasks::refund, "customer-replay", new BigDecimal("5.00"));
		awaitDeadLetter(handle.id());

		// Repeated while another reader of the shared dead-letter queue holds the entry.
		await().atMost(TIMEOUT).untilAsserted(() -> this.http.post()
			.uri("/jobs/dlq/replay")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("ids", handle.id()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("{\"replayed\":1,\"skipped\":0}"));

		await().atMost(TIMEOUT).until(() -> handle.status() == JobStatus.SUCCESS);
		assertThat(handle.await(Duration.ofSeconds(1))).isEqualTo("refunded customer-replay");
		assertThat(this.tasks.refundCalls("customer-replay")).isEqualTo(2);
		assertThat(deadLetterCount(handle.id())).isZero();
	}

	@Test
	void replayTakesItsFiltersAsQueryParametersToo() {
		JobHandle<String> handle = this.jobs.enqueue(ShopTasks::refund, "customer-query", new BigDecimal("1.00"));
		awaitDeadLetter(handle.id());

		await().atMost(TIMEOUT).untilAsserted(() -> this.http.post()
			.uri("/jobs/dlq/replay?queue={queue}&ids={id}&limit=5", QUEUE, handle.id())
			.contentType(MediaType.APPLICATION_JSON)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("{\"replayed\":1,\"skipped\":0}"));

		await().atMost(TIMEOUT).until(() -> handle.status() == JobStatus.SUCCESS);
	}

	@Test
	void purgeNeedsATaskAQueueOrIdsAndRemovesOnlyThose() {
		JobHandle<String> kept = this.jobs.enqueue(ShopTasks::refund, "customer-kept", BigDecimal.ONE);
		JobHandle<String> purged = this.jobs.enqueue(ShopTasks::refund, "customer-purged", BigDecimal.TEN);
		awaitDeadLetter(kept.id());
		awaitDeadLetter(purged.id());
		await().atMost(TIMEOUT).until(() -> deadLetterCount(kept.id() + "," + purged.id()) == 2);

		this.http.delete()
			.uri("/jobs/dlq")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.BAD_REQUEST)
			.expectBody()
			.jsonPath("$.message").value((message) -> assertThat(message).asString().contains("task", "queue", "ids"));
		await().atMost(TIMEOUT).untilAsserted(() -> this.http.delete()
			.uri("/jobs/dlq?ids={id}", purged.id())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("{\"purged\":1}"));

		assertThat(deadLetterCount(purged.id())).isZero();
		awaitDeadLetter(kept.id());
	}

	/**
	 * Issue 10, item 12: one letter without a job id (a malformed body from another producer)
	 * made every request that named ids answer 500 ({@code Set.contains(null)}), so a single
	 * garbage message disabled the operator's tools; and the letter lost its message id, so it
	 * could not be told apart from any other.
	 */
	@Test
	void letterWithoutAJobIdIsListedByItsMessageIdAndPurgedWithoutBreakingOtherRequests() {
		String messageId = "garbage-" + UUID.randomUUID();
		LocalBroker.withChannel((channel) -> {
			channel.basicPublish(PREFIX, QUEUE, new AMQP.BasicProperties.Builder().messageId(messageId)
				.correlationId("order-17")
				.appId("legacy-billing")
				.build(), "<order id=17/>".getBytes(StandardCharsets.UTF_8));
			return null;
		});
		await().atMost(TIMEOUT)
			.until(() -> JsonPath.<Integer>read(get("/jobs/dlq?messageIds=" + messageId), "$.entries.length()") == 1);

		Map<String, Object> entry = JsonPath.read(get("/jobs/dlq?messageIds=" + messageId), "$.entries[0]");
		assertThat(entry).doesNotContainKey("jobId")
			.containsEntry("messageId", messageId)
			.containsEntry("reason", "MALFORMED")
			.containsEntry("correlationId", "order-17")
			.containsEntry("appId", "legacy-billing");
		assertThat(deadLetterCount("no-such-job")).isZero();
		this.http.post()
			.uri("/jobs/dlq/replay?ids=no-such-job")
			.contentType(MediaType.APPLICATION_JSON)
			.exchange()
			.expectStatus()
			.isOk();
		await().atMost(TIMEOUT).untilAsserted(() -> this.http.delete()
			.uri("/jobs/dlq?messageIds={id}", messageId)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("{\"purged\":1}"));
		assertThat(JsonPath.<Integer>read(get("/jobs/dlq?messageIds=" + messageId), "$.entries.length()")).isZero();
	}

	@Test
	void jobWorkflowAndBatchAreReadByIdWithProgressAndCounts() {
		JobHandle<Integer> job = this.jobs.enqueue(ShopTasks::count, 10);
		job.await(TIMEOUT);
		this.http.get().uri("/jobs/" + job.id()).exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.task").isEqualTo("ops-endpoint-count")
			.jsonPath("$.status").isEqualTo("SUCCESS")
			.jsonPath("$.progress.done").isEqualTo(10)
			.jsonPath("$.progress.message").isEqualTo("item 10");

		WorkflowHandle<Integer> workflow = this.jobs.submit(chain(sig(ShopTasks::count, 3), sig(ShopTasks::twice)));
		assertThat(workflow.await(TIMEOUT)).isEqualTo(6);
		this.http.get().uri("/jobs/" + workflow.id()).exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.task").isEqualTo("workflow")
			.jsonPath("$.workflow.status").isEqualTo("SUCCESS")
			.jsonPath("$.workflow.progress.done").isEqualTo(2)
			.jsonPath("$.workflow.progress.total").isEqualTo(2);

		BatchHandle batch = this.jobs.batch((b) -> b.add(sig(ShopTasks::count, 2)).add(sig(ShopTasks::twice, 4)));
		assertThat(batch.await(TIMEOUT).succeeded()).isEqualTo(2);
		this.http.get().uri("/jobs/" + batch.id()).exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.batch.total").isEqualTo(2)
			.jsonPath("$.batch.status").isEqualTo("SUCCESS");

		this.http.get().uri("/jobs/no-such-job").exchange().expectStatus().isNotFound();
	}

	@Test
	void cancelThroughTheEndpointInterruptsARunningJob() {
		CountDownLatch release = this.tasks.holdUntil();
		try {
			JobHandle<Integer> held = this.jobs.enqueue(ShopTasks::hold, "to-cancel");
			await().atMost(TIMEOUT).until(() -> this.tasks.holding() == 1);

			this.http.post().uri("/jobs/" + held.id() + "/cancel").contentType(MediaType.APPLICATION_JSON).body("{}")
				.exchange().expectStatus().isOk().expectBody()
				.jsonPath("$.id").isEqualTo(held.id());

			await().atMost(TIMEOUT).until(() -> held.status() == JobStatus.CANCELLED);
			assertThat(held.snapshot().reason()).isEqualTo("cancelled");
			this.http.post().uri("/jobs/no-such-job/cancel").contentType(MediaType.APPLICATION_JSON).body("{}")
				.exchange().expectStatus().isNotFound();
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void healthIsUpWithTheQueueDepthsInItsDetails() {
		// The management API refreshes its numbers every few seconds.
		await().atMost(TIMEOUT).untilAsserted(() -> this.http.get()
			.uri("/health/jobs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status").isEqualTo("UP")
			.jsonPath("$.details.broker").isEqualTo("up")
			.jsonPath("$.details.redis").isEqualTo("up")
			.jsonPath("$.details.queues['" + QUEUE + "'].consumers").isEqualTo(2)
			.jsonPath("$.details.deadLetters").isNumber());
	}

	@Test
	void metricsCountEnqueuedAndCompletedJobs() {
		JobHandle<String> handle = this.jobs.enqueue(ShopTasks::refund, "customer-metrics", BigDecimal.ONE);
		awaitDeadLetter(handle.id());

		assertThat(count("jobs.enqueued", "task:ops-endpoint-refund", "queue:" + QUEUE)).isGreaterThanOrEqualTo(1);
		assertThat(count("jobs.completed", "task:ops-endpoint-refund", "queue:" + QUEUE, "outcome:failure"))
			.isGreaterThanOrEqualTo(1);
		this.http.get()
			.uri("/metrics/jobs.queue.depth?tag=queue:{queue}", QUEUE)
			.exchange()
			.expectStatus()
			.isOk();
		this.http.get().uri("/metrics/jobs.dlq.depth").exchange().expectStatus().isOk();
	}

	private void awaitDeadLetter(String jobId) {
		await().atMost(TIMEOUT).until(() -> deadLetterCount(jobId) == 1);
	}

	private int deadLetterCount(String jobIds) {
		return JsonPath.read(get("/jobs/dlq?queue=" + QUEUE + "&ids=" + jobIds), "$.entries.length()");
	}

	private double count(String meter, String... tags) {
		StringBuilder uri = new StringBuilder("/metrics/" + meter + "?");
		for (String tag : tags) {
			uri.append("tag=").append(tag).append('&');
		}
		return ((Number) JsonPath.read(get(uri.toString()), "$.measurements[0].value")).doubleValue();
	}

	private String get(String uri) {
		byte[] body = this.http.get().uri(uri).exchange().expectStatus().isOk().expectBody().returnResult()
			.getResponseBody();
		return new String(body, StandardCharsets.UTF_8);
	}

	private static long queueField(String overview, String field) {
		List<Number> values = JsonPath.read(overview, "$.queues[?(@.name == '" + QUEUE + "')]." + field);
		assertThat(values).hasSize(1);
		return values.get(0).longValue();
	}

	/**
	 * Tasks of this test: {@code refund} fails on its first call for each customer;
	 * {@code hold} blocks until released.
	 */
	static class ShopTasks {

		private final Map<String, Integer> refunds = new ConcurrentHashMap<>();

		private volatile CountDownLatch release = new CountDownLatch(0);

		private final AtomicInteger holding = new AtomicInteger();

		int holding() {
			return this.holding.get();
		}

		CountDownLatch holdUntil() {
			this.release = new CountDownLatch(1);
			return this.release;
		}

		int refundCalls(String customer) {
			return this.refunds.getOrDefault(customer, 0);
		}

		@BackgroundTask(name = "ops-endpoint-refund")
		String refund(String customer, BigDecimal amount) {
			if (this.refunds.merge(customer, 1, Integer::sum) == 1) {
				throw new IllegalStateException("payment gateway timed out for " + customer);
			}
			return "refunded " + customer;
		}

		@BackgroundTask(name = "ops-endpoint-count")
		int count(int upTo) {
			for (int n = 1; n <= upTo; n++) {
				JobContext.current().progress(n, upTo, "item " + n);
			}
			return upTo;
		}

		@BackgroundTask(name = "ops-endpoint-twice")
		int twice(int n) {
			return 2 * n;
		}

		@BackgroundTask(name = "ops-endpoint-hold")
		int hold(String marker) throws InterruptedException {
			this.holding.incrementAndGet();
			try {
				return this.release.await(60, TimeUnit.SECONDS) ? 1 : 0;
			}
			finally {
				this.holding.decrementAndGet();
			}
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

		@Bean
		ShopTasks shopTasks() {
			return new ShopTasks();
		}

	}

}
