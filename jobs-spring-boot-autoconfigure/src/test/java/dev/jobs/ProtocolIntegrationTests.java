package dev.jobs;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.Return;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pins {@code docs/protocol.md}: a worker built with the starter runs a job that a foreign
 * producer wrote from the document alone, and the producer reads the result the way the document
 * says. The {@link DocumentClient} below stands for that producer: it uses the plain RabbitMQ
 * client, Lettuce and plain JSON, and no class of the starter. If this test has to change, the
 * document (and its version) must change with it.
 */
class ProtocolIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final JobsContextRunner runner = new JobsContextRunner();

	private final String queue = this.runner.queue();

	private final String prefix = "protocol:" + this.queue + ":";

	private final DocumentClient client = new DocumentClient(this.runner.topology().prefix(), this.prefix);

	@AfterEach
	void cleanUp() {
		this.client.close();
		this.runner.cleanUp();
	}

	@Test
	void jobWrittenFromTheDocumentRunsAndItsResultReadsAsTheDocumentSays() {
		worker().run((context) -> {
			this.client.awaitWorkerOn(this.queue);
			String id = DocumentClient.newJobId();
			Instant enqueuedAt = Instant.now();
			// No "attempt" (defaults to 1), an optional "expiresAt", and a field this version does
			// not define, which a reader must ignore.
			String body = """
					{
					  "v": 1,
					  "id": "%s",
					  "task": "protocol-quote",
					  "queue": "%s",
					  "args": [
					    "ACME Ltd",
					    [
					      {"sku": "A-1", "quantity": 3, "unitPrice": 19.99},
					      {"sku": "B-2", "quantity": 2, "unitPrice": 0.15}
					    ],
					    "2026-03-01T09:30:00.123456789Z",
					    5.17
					  ],
					  "enqueuedAt": "%s",
					  "expiresAt": "%s",
					  "producer": "billing-service (python)"
					}
					""".formatted(id, this.queue, enqueuedAt, enqueuedAt.plus(1, ChronoUnit.HOURS));

			this.client.publish(this.queue, id, "protocol-quote", body);
			JsonNode record = this.client.awaitTerminal(id, WAIT);

			assertThat(record.path("v").asInt()).isEqualTo(1);
			assertThat(record.path("run").asInt()).isEqualTo(1);
			assertThat(record.path("id").asString()).isEqualTo(id);
			assertThat(record.path("task").asString()).isEqualTo("protocol-quote");
			assertThat(record.path("queue").asString()).isEqualTo(this.queue);
			assertThat(record.path("status").asString()).isEqualTo("SUCCESS");
			assertThat(record.path("attempts").asInt()).isEqualTo(1);
			assertThat(Instant.parse(record.path("enqueuedAt").asString())).isEqualTo(enqueuedAt);
			Instant startedAt = Instant.parse(record.path("startedAt").asString());
			assertThat(Instant.parse(record.path("finishedAt").asString())).isAfterOrEqualTo(startedAt);
			assertThat(record.has("error")).isFalse();
			JsonNode result = record.path("result");
			assertThat(result.path("customer").asString()).isEqualTo("ACME Ltd");
			assertThat(result.path("items").asInt()).isEqualTo(5);
			assertThat(result.path("subtotal").isNumber()).isTrue();
			assertThat(result.path("subtotal").decimalValue()).isEqualTo(new BigDecimal("60.27"));
			assertThat(result.path("total").decimalValue()).isEqualTo(new BigDecimal("55.10"));
			assertThat(result.path("quotedAt").asString()).isEqualTo("2026-03-01T09:30:00.123456789Z");
			assertThat(result.path("validUntil").asString()).isEqualTo("2026-03-31T09:30:00.123456789Z");
			assertThat(this.client.get(id)).contains(record);
			assertThat(this.client.millisToLive(id)).isBetween(1L, Duration.ofHours(1).toMillis());
		});
	}

	@Test
	void bodyThatBreaksTheDocumentIsDeadLetteredAsMalformedAndTheNextJobStillRuns() {
		worker().run((context) -> {
			this.client.awaitWorkerOn(this.queue);
			String badId = DocumentClient.newJobId();
			String bad = """
					{"v": 1, "id": "%s", "task": "protocol-quote", "queue": "%s",
					 "args": {"customer": "ACME Ltd"}, "enqueuedAt": "%s"}
					""".formatted(badId, this.queue, Instant.now());

			this.client.publish(this.queue, badId, "protocol-quote", bad);

			DocumentClient.DeadLetter letter = this.client.awaitDeadLetterFrom(this.queue, WAIT);
			assertThat(letter.header("x-jobs-reason")).isEqualTo("MALFORMED");
			assertThat(letter.header("x-jobs-queue")).isEqualTo(this.queue);
			assertThat(letter.header("x-jobs-error-message")).contains("args");
			assertThat(letter.header("x-jobs-failed-at")).isNotBlank();
			assertThat(letter.body()).isEqualTo(bad);

			String goodId = DocumentClient.newJobId();
			this.client.publish(this.queue, goodId, "protocol-quote", """
					{"v": 1, "id": "%s", "task": "protocol-quote", "queue": "%s",
					 "args": ["Initech", [{"sku": "C-3", "quantity": 1, "unitPrice": 2.50}], "2026-03-01T00:00:00Z", 0],
					 "enqueuedAt": "%s"}
					""".formatted(goodId, this.queue, Instant.now()));
			JsonNode record = this.client.awaitTerminal(goodId, WAIT);
			assertThat(record.path("status").asString()).isEqualTo("SUCCESS");
			assertThat(record.path("result").path("total").decimalValue()).isEqualTo(new BigDecimal("2.50"));
		});
	}

	@Test
	void argumentsThatDoNotFitTheTaskEndInFailureWithTheErrorAndInTheDeadLetterQueue() {
		worker().run((context) -> {
			this.client.awaitWorkerOn(this.queue);
			String id = DocumentClient.newJobId();
			String body = """
					{"v": 1, "id": "%s", "task": "protocol-quote", "queue": "%s",
					 "args": ["ACME Ltd", "not a list of lines", "2026-03-01T00:00:00Z", 1.00],
					 "attempt": 1, "enqueuedAt": "%s"}
					""".formatted(id, this.queue, Instant.now());

			this.client.publish(this.queue, id, "protocol-quote", body);
			JsonNode record = this.client.awaitTerminal(id, WAIT);

			assertThat(record.path("status").asString()).isEqualTo("FAILURE");
			assertThat(record.path("attempts").asInt()).isZero();
			assertThat(record.has("startedAt")).isFalse();
			assertThat(record.path("error").path("type").asString()).isNotBlank();
			assertThat(record.path("error").path("message").asString()).contains("protocol-quote", "argument 2");
			DocumentClient.DeadLetter letter = this.client.awaitDeadLetterFrom(this.queue, WAIT);
			assertThat(letter.header("x-jobs-reason")).isEqualTo("ARGUMENT_TYPE");
			assertThat(letter.header("x-jobs-id")).isEqualTo(id);
			assertThat(letter.header("x-jobs-task")).isEqualTo("protocol-quote");
			assertThat(letter.header("x-jobs-attempts")).isEqualTo("0");
			assertThat(letter.messageId()).isEqualTo(id);
			assertThat(letter.body()).isEqualTo(body);
		});
	}

	private ApplicationContextRunner worker() {
		return this.runner.worker()
			.withPropertyValues("jobs.redis.key-prefix=" + this.prefix, "jobs.results.ttl=1h")
			.withUserConfiguration(QuoteConfiguration.class);
	}

	record Line(String sku, int quantity, BigDecimal unitPrice) {
	}

	record Quote(String customer, int items, BigDecimal subtotal, BigDecimal total, Instant quotedAt,
			Instant validUntil) {
	}

	static class QuoteTasks {

		@BackgroundTask(name = "protocol-quote")
		Quote quote(String customer, List<Line> lines, Instant at, BigDecimal discount) {
			BigDecimal subtotal = lines.stream()
				.map((line) -> line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())))
				.reduce(BigDecimal.ZERO, BigDecimal::add);
			int items = lines.stream().mapToInt(Line::quantity).sum();
			return new Quote(customer, items, subtotal, subtotal.subtract(discount), at, at.plus(30, ChronoUnit.DAYS));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class QuoteConfiguration {

		@Bean
		QuoteTasks quoteTasks() {
			return new QuoteTasks();
		}

	}

	/**
	 * A producer written from {@code docs/protocol.md} alone: the plain RabbitMQ client, Lettuce
	 * and JSON text. It must not use any class of the starter.
	 */
	static final class DocumentClient implements AutoCloseable {

		/** Reads numbers as a careful foreign reader does: decimals exact, trailing zeros kept. */
		private static final JsonMapper JSON = JsonMapper.builder()
			.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
			.disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
			.build();

		private static final List<String> TERMINAL = List.of("SUCCESS", "FAILURE", "EXPIRED");

		private final String rabbitPrefix;

		private final String prefix;

		private final RedisClient redis = RedisClient.create("redis://127.0.0.1:6379");

		private final List<String> jobIds = new CopyOnWriteArrayList<>();

		DocumentClient(String rabbitPrefix, String prefix) {
			this.rabbitPrefix = rabbitPrefix;
			this.prefix = prefix;
		}

		/** Any unique string is a valid id; a UUIDv7 is the recommended form. */
		static String newJobId() {
			long millis = System.currentTimeMillis();
			UUID random = UUID.randomUUID();
			long msb = (millis << 16) | 0x7000L | (random.getMostSignificantBits() & 0x0FFFL);
			return new UUID(msb, random.getLeastSignificantBits()).toString();
		}

		/**
		 * Waits until a worker consumes the broker queue {@code <rabbit prefix>.<queue>}; a worker
		 * declares it when it connects.
		 */
		void awaitWorkerOn(String queue) {
			await().atMost(WAIT).ignoreExceptions().until(() -> consumers(this.rabbitPrefix + "." + queue) > 0);
		}

		private static long consumers(String brokerQueue) {
			try (Connection connection = connectionFactory().newConnection("protocol-tests-probe");
					Channel channel = connection.createChannel()) {
				return channel.queueDeclarePassive(brokerQueue).getConsumerCount();
			}
			catch (IOException | TimeoutException ex) {
				return 0; // a passive declare of a missing queue closes the channel
			}
		}

		/**
		 * Publishes a job: exchange {@code <rabbit prefix>}, routing key = job queue, mandatory, persistent,
		 * confirmed. Fails if the broker nacks the message or returns it as unroutable.
		 */
		void publish(String queue, String id, String task, String body) {
			this.jobIds.add(id);
			AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("application/json")
				.contentEncoding("utf-8")
				.deliveryMode(2)
				.messageId(id)
				.headers(Map.of("x-jobs-task", task))
				.build();
			try (Connection connection = connectionFactory().newConnection("protocol-tests-producer");
					Channel channel = connection.createChannel()) {
				List<Return> returned = new CopyOnWriteArrayList<>();
				channel.addReturnListener(returned::add);
				channel.confirmSelect();
				channel.basicPublish(this.rabbitPrefix, queue, true, properties, body.getBytes(StandardCharsets.UTF_8));
				channel.waitForConfirmsOrDie(10_000);
				assertThat(returned).as("messages returned as unroutable").isEmpty();
			}
			catch (IOException | TimeoutException | InterruptedException ex) {
				throw new IllegalStateException("Job " + id + " not enqueued: " + ex, ex);
			}
		}

		/**
		 * Waits for a job's terminal record: SUBSCRIBE to {@code <prefix>done:<id>}, and once the
		 * subscription is confirmed, GET {@code <prefix>result:<id>} in case it finished before.
		 */
		JsonNode awaitTerminal(String id, Duration timeout) {
			CompletableFuture<String> done = new CompletableFuture<>();
			String channel = this.prefix + "done:" + id;
			try (StatefulRedisPubSubConnection<String, String> subscription = this.redis.connectPubSub()) {
				subscription.addListener(new RedisPubSubAdapter<>() {
					@Override
					public void message(String from, String message) {
						if (channel.equals(from)) {
							done.complete(message);
						}
					}
				});
				subscription.sync().subscribe(channel);
				get(id).filter((record) -> TERMINAL.contains(record.path("status").asString()))
					.ifPresent((record) -> done.complete(record.toString()));
				return JSON.readTree(done.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
			}
			catch (TimeoutException ex) {
				throw new AssertionError("Job " + id + " reached no terminal status within " + timeout
						+ "; its record reads " + get(id), ex);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

		Optional<JsonNode> get(String id) {
			try (StatefulRedisConnection<String, String> connection = this.redis.connect()) {
				return Optional.ofNullable(connection.sync().get(this.prefix + "result:" + id)).map(JSON::readTree);
			}
		}

		long millisToLive(String id) {
			try (StatefulRedisConnection<String, String> connection = this.redis.connect()) {
				return connection.sync().pttl(this.prefix + "result:" + id);
			}
		}

		/**
		 * Waits for a dead letter that came from a job queue, reading
		 * {@code <rabbit prefix>.dead-letter}
		 * without taking anything off it: every message fetched is given back when the channel
		 * closes, so letters of other queues are left alone.
		 */
		DeadLetter awaitDeadLetterFrom(String queue, Duration timeout) {
			return await().atMost(timeout).until(() -> peekDeadLetterFrom(queue), Optional::isPresent).get();
		}

		private Optional<DeadLetter> peekDeadLetterFrom(String queue) {
			try (Connection connection = connectionFactory().newConnection("protocol-tests-dlq");
					Channel channel = connection.createChannel()) {
				String deadLetterQueue = this.rabbitPrefix + ".dead-letter";
				long available = channel.messageCount(deadLetterQueue);
				for (long i = 0; i < available; i++) {
					GetResponse response = channel.basicGet(deadLetterQueue, false);
					if (response == null) {
						break;
					}
					Map<String, String> headers = new HashMap<>();
					if (response.getProps().getHeaders() != null) {
						response.getProps().getHeaders().forEach((name, value) -> headers.put(name, String.valueOf(value)));
					}
					if (queue.equals(headers.get("x-jobs-queue"))) {
						return Optional.of(new DeadLetter(new String(response.getBody(), StandardCharsets.UTF_8),
								response.getProps().getMessageId(), headers));
					}
				}
				return Optional.empty();
			}
			catch (IOException | TimeoutException ex) {
				throw new IllegalStateException("RabbitMQ on 127.0.0.1:5672 is not usable: " + ex, ex);
			}
		}

		private static ConnectionFactory connectionFactory() {
			ConnectionFactory factory = new ConnectionFactory();
			factory.setHost("127.0.0.1");
			factory.setPort(5672);
			factory.setUsername("guest");
			factory.setPassword("guest");
			return factory;
		}

		/** Deletes the result records of the jobs this client published. */
		@Override
		public void close() {
			try (StatefulRedisConnection<String, String> connection = this.redis.connect()) {
				List<String> keys = new ArrayList<>();
				this.jobIds.forEach((id) -> keys.add(this.prefix + "result:" + id));
				if (!keys.isEmpty()) {
					connection.sync().del(keys.toArray(String[]::new));
				}
			}
			finally {
				this.redis.shutdown();
			}
		}

		record DeadLetter(String body, String messageId, Map<String, String> headers) {

			String header(String name) {
				return this.headers.get(name);
			}

		}

	}

}
