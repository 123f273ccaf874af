package dev.jobs.rabbit.deadletter;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.BackgroundTask;
import dev.jobs.FailureReason;
import dev.jobs.JobContext;
import dev.jobs.JobHandle;
import dev.jobs.JobStatus;
import dev.jobs.Jobs;
import dev.jobs.JobsContextRunner;
import dev.jobs.LocalBroker;
import dev.jobs.autoconfigure.JobsOperationsAutoConfiguration;
import dev.jobs.core.envelope.JobCodecs;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.envelope.JobIds;
import dev.jobs.core.port.DeadLetter;
import dev.jobs.core.port.DeadLetterEntry;
import dev.jobs.core.port.DeadLetterQuery;
import dev.jobs.core.port.DeadLetterQueue;
import dev.jobs.core.port.ReplayResult;
import dev.jobs.rabbit.JobsRabbitConnections;
import dev.jobs.rabbit.topology.JobsTopology;
import dev.jobs.rabbit.topology.TopologyDeclarer;
import tools.jackson.databind.node.ArrayNode;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The dead-letter queue as operators use it, against the real RabbitMQ. Each test has a
 * namespace of its own, so its dead-letter queue holds only the letters it made, and is deleted
 * afterwards.
 */
class RabbitDeadLetterQueueIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final JobsContextRunner jobs = new JobsContextRunner();

	private final String queue = this.jobs.queue();

	private final ApplicationContextRunner producer = this.jobs.producer()
		.withConfiguration(AutoConfigurations.of(JobsOperationsAutoConfiguration.class))
		.withUserConfiguration(TaskConfiguration.class);

	private final ApplicationContextRunner worker = this.jobs.worker()
		.withConfiguration(AutoConfigurations.of(JobsOperationsAutoConfiguration.class))
		.withUserConfiguration(TaskConfiguration.class)
		// the card network failure is final at once, so the job is dead-lettered on its first attempt
		.withPropertyValues("jobs.retry.default.no-retry-on=java.lang.IllegalStateException");

	@AfterEach
	void cleanUp() {
		this.jobs.cleanUp();
	}

	@Test
	void deadLetterOfAFailedTaskCarriesEveryField() {
		this.worker.run((context) -> {
			Instant before = Instant.now();
			JobHandle<String> handle = context.getBean(Jobs.class)
				.enqueue(FlakyTasks::charge, "customer-7", new BigDecimal("12.50"));

			DeadLetterEntry entry = awaitOneEntry(context);

			assertThat(entry.jobId()).isEqualTo(handle.id());
			assertThat(entry.task()).isEqualTo("ops-charge");
			assertThat(entry.queue()).isEqualTo(this.queue);
			assertThat(entry.args()).hasToString("[\"customer-7\",12.50]");
			assertThat(entry.attempts()).isEqualTo(1);
			assertThat(entry.errorType()).isEqualTo(IllegalStateException.class.getName());
			assertThat(entry.errorMessage()).isEqualTo("card network down for customer-7");
			assertThat(entry.stackTrace()).startsWith("java.lang.IllegalStateException: card network down")
				.contains("FlakyTasks.charge");
			assertThat(entry.lastFailedAt()).isBetween(before, Instant.now());
			assertThat(entry.firstFailedAt()).isNotNull().isBeforeOrEqualTo(entry.lastFailedAt());
			assertThat(entry.reason()).isEqualTo(FailureReason.NOT_RETRYABLE);
			assertThat(entry.replays()).isZero();
		});
	}

	@Test
	void browsingLeavesEveryEntryInTheQueue() {
		this.producer.run((context) -> {
			List<String> ids = publishDeadLetters(context, 3);
			DeadLetterQueue deadLetters = context.getBean(DeadLetterQueue.class);

			List<DeadLetterEntry> first = awaitEntries(deadLetters, 3);
			List<DeadLetterEntry> second = awaitEntries(deadLetters, 3);

			assertThat(first).extracting(DeadLetterEntry::jobId).containsExactlyInAnyOrderElementsOf(ids);
			assertThat(second).containsExactlyInAnyOrderElementsOf(first);
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(this.jobs.deadLetters())
					.extracting((letter) -> letter.header("x-jobs-id"))
					.containsExactlyInAnyOrderElementsOf(ids));
		});
	}

	@Test
	void browseOfTheFirstEntriesReadsThemInQueueOrderAndGivesEveryOneBack() {
		this.producer.run((context) -> {
			List<String> ids = publishDeadLetters(context, 5);
			DeadLetterQueue deadLetters = context.getBean(DeadLetterQueue.class);
			awaitEntries(deadLetters, 5);

			List<DeadLetterEntry> everything = await().atMost(TIMEOUT)
				.until(() -> deadLetters.browse(DeadLetterQuery.first(DeadLetterQuery.MAX_LIMIT)),
						(entries) -> entries.stream().map(DeadLetterEntry::jobId).toList().containsAll(ids));

			assertThat(everything).extracting(DeadLetterEntry::jobId).filteredOn(ids::contains).containsExactlyElementsOf(ids);
			assertThat(everything).extracting(DeadLetterEntry::position)
				.containsExactlyElementsOf(IntStream.range(0, everything.size()).boxed().toList());
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(deadLetters.browse(DeadLetterQuery.first(2))).hasSize(2));
			assertThat(awaitEntries(deadLetters, 5)).extracting(DeadLetterEntry::jobId)
				.containsExactlyInAnyOrderElementsOf(ids);
		});
	}

	@Test
	void browseStopsAtItsLimitAndFiltersByTaskAndIds() {
		this.producer.run((context) -> {
			List<String> ids = publishDeadLetters(context, 5);
			DeadLetterQueue deadLetters = context.getBean(DeadLetterQueue.class);

			awaitEntries(deadLetters, 5);

			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(deadLetters.browse(ours(2))).extracting(DeadLetterEntry::jobId)
					.hasSize(2)
					.isSubsetOf(ids));
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(
						deadLetters.browse(DeadLetterQuery.first(100).task("ops-record").queue(this.queue).ids(Set.of(ids.get(3)))))
					.extracting(DeadLetterEntry::jobId)
					.containsExactly(ids.get(3)));
			assertThat(deadLetters.browse(DeadLetterQuery.first(100).task("no-such-task").queue(this.queue))).isEmpty();
		});
	}

	@Test
	void jobTheBrokerDeadLetteredAtItsDeliveryLimitIsReadFromItsBodyAndXDeath() {
		this.producer.withPropertyValues("jobs.queues." + this.queue + ".delivery-limit=1").run((context) -> {
			JobHandle<Integer> handle = context.getBean(Jobs.class).enqueue(FlakyTasks::record, "never acknowledged");
			Instant before = Instant.now().minusSeconds(1);

			rejectWithRequeueUntilDeadLettered(this.jobs.brokerQueue());
			DeadLetterEntry entry = awaitOneEntry(context);

			assertThat(entry.reason()).isEqualTo(FailureReason.DELIVERY_LIMIT);
			assertThat(entry.jobId()).isEqualTo(handle.id());
			assertThat(entry.task()).isEqualTo("ops-record");
			assertThat(entry.queue()).isEqualTo(this.queue);
			assertThat(entry.args()).hasToString("[\"never acknowledged\"]");
			assertThat(entry.attempts()).isEqualTo(1);
			assertThat(entry.errorType()).isNull();
			assertThat(entry.errorMessage()).contains("delivery limit").contains(this.jobs.brokerQueue());
			assertThat(entry.lastFailedAt()).isBetween(before, Instant.now());
			assertThat(entry.firstFailedAt()).isEqualTo(entry.lastFailedAt());
		});
	}

	@Test
	void replayRunsTheJobAgainAsAFreshAttemptAndRemovesTheEntry() {
		this.worker.run((context) -> {
			JobHandle<String> handle = context.getBean(Jobs.class)
				.enqueue(FlakyTasks::charge, "customer-8", new BigDecimal("3.00"));
			awaitOneEntry(context);
			assertThat(handle.status()).isEqualTo(JobStatus.FAILURE);

			ReplayResult result = replayAll(context.getBean(DeadLetterQueue.class), 1);

			assertThat(result).isEqualTo(new ReplayResult(1, 0));
			await().atMost(TIMEOUT).until(() -> handle.status() == JobStatus.SUCCESS);
			assertThat(handle.await(Duration.ofSeconds(1))).isEqualTo("charged customer-8");
			assertThat(handle.snapshot().attempts()).isEqualTo(1);
			assertThat(context.getBean(FlakyTasks.class).chargeCalls()).isEqualTo(2);
			assertThat(context.getBean(DeadLetterQueue.class).browse(ours(100))).isEmpty();
		});
	}

	@Test
	void replayOfAThousandEntriesRunsEachJobExactlyOnceAndLeavesNoneBehind() {
		List<String> published = new ArrayList<>();
		List<String> ran = new CopyOnWriteArrayList<>();
		this.producer.run((context) -> published.addAll(publishDeadLetters(context, 1000)));
		this.worker.withPropertyValues("jobs.queues." + this.queue + ".concurrency=8").run((context) -> {
			context.getBean(FlakyTasks.class).recordInto(ran);

			ReplayResult result = replayAll(context.getBean(DeadLetterQueue.class), 1000);

			assertThat(result).isEqualTo(new ReplayResult(1000, 0));
			await().atMost(TIMEOUT)
				.until(() -> ran.size() >= 1000 && LocalBroker.messageCount(this.jobs.brokerQueue()) == 0);
		});
		// The worker has stopped: every delivery it took is settled or given back.
		assertThat(LocalBroker.messageCount(this.jobs.brokerQueue())).isZero();
		assertThat(ran).hasSize(1000).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(published);
		assertThat(this.jobs.deadLetters()).isEmpty();
	}

	/**
	 * Issue 10, item 2: dead letters were published without the mandatory flag, so with the
	 * dead-letter queue gone the broker confirmed the letter and dropped it, and the job was
	 * acknowledged as if parked: lost. The letter is returned now, which fails its publish, and
	 * the job is kept until the dead-letter queue is back.
	 */
	@Test
	void jobWhoseDeadLetterQueueIsMissingIsKeptUntilTheQueueIsBack() {
		this.worker.withPropertyValues("jobs.worker.settle-retry-pause=500ms",
				"jobs.queues." + this.queue + ".delivery-limit=100").run((context) -> {
			String deadLetterQueue = this.jobs.topology().deadLetterQueue();
			LocalBroker.withChannel((channel) -> channel.queueDelete(deadLetterQueue));
			FlakyTasks tasks = context.getBean(FlakyTasks.class);

			JobHandle<String> handle = context.getBean(Jobs.class).enqueue(FlakyTasks::refuse, "customer-9");

			await().atMost(TIMEOUT).until(() -> tasks.refuseCalls() >= 1);
			await().during(Duration.ofSeconds(3))
				.atMost(TIMEOUT)
				.until(() -> handle.status() != JobStatus.FAILURE);
			context.getBean(TopologyDeclarer.class).declare();
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(this.jobs.deadLetters()).singleElement()
					.satisfies((letter) -> assertThat(letter.header("x-jobs-id")).isEqualTo(handle.id())));
			await().atMost(TIMEOUT).until(() -> handle.status() == JobStatus.FAILURE);
			await().atMost(TIMEOUT).until(() -> LocalBroker.listedCounts(this.jobs.brokerQueue()).held() == 0);
		});
	}

	/**
	 * Issue 10, item 12: a dead letter dropped the original message's properties, and a letter
	 * without a job id made every query that named ids throw. Such letters keep the original
	 * message id, correlation id, timestamp and application id, and are purged by message id or
	 * by position while the other letters stay.
	 */
	@Test
	void letterWithoutAJobIdKeepsItsOriginalPropertiesAndIsPurgedByMessageIdOrPosition() {
		this.worker.run((context) -> {
			Date sentAt = Date.from(Instant.now().truncatedTo(ChronoUnit.SECONDS));
			publishToJobQueue(new AMQP.BasicProperties.Builder().messageId("garbage-1")
				.correlationId("order-17")
				.appId("legacy-billing")
				.timestamp(sentAt)
				.build(), "<order id=17/>");
			publishToJobQueue(new AMQP.BasicProperties.Builder().build(), "not even xml");
			await().atMost(TIMEOUT).until(() -> this.jobs.deadLetters().size() == 2);
			List<String> ids = publishDeadLetters(context, 2);
			DeadLetterQueue deadLetters = context.getBean(DeadLetterQueue.class);

			assertThat(this.jobs.deadLetters()).first().satisfies((letter) -> {
				assertThat(letter.properties().getMessageId()).isEqualTo("garbage-1");
				assertThat(letter.properties().getCorrelationId()).isEqualTo("order-17");
				assertThat(letter.properties().getAppId()).isEqualTo("legacy-billing");
				assertThat(letter.properties().getTimestamp()).isEqualTo(sentAt);
			});
			assertThat(deadLetters.browse(DeadLetterQuery.first(100).ids(Set.of(ids.get(0)))))
				.extracting(DeadLetterEntry::jobId)
				.containsExactly(ids.get(0));
			List<DeadLetterEntry> malformed = awaitEntries(deadLetters,
					DeadLetterQuery.first(100).reason(FailureReason.MALFORMED), 2);
			assertThat(malformed).allSatisfy((entry) -> assertThat(entry.jobId()).isNull());
			assertThat(malformed.get(0).original().messageId()).isEqualTo("garbage-1");
			assertThat(malformed.get(0).original().correlationId()).isEqualTo("order-17");

			assertThat(deadLetters.purge(DeadLetterQuery.first(10).messageIds(Set.of("garbage-1")))).isOne();
			DeadLetterEntry anonymous = awaitEntries(deadLetters,
					DeadLetterQuery.first(100).reason(FailureReason.MALFORMED), 1).get(0);
			assertThat(deadLetters.purge(DeadLetterQuery.first(10).positions(Set.of(anonymous.position())))).isOne();
			assertThat(awaitEntries(deadLetters, DeadLetterQuery.first(100), 2)).extracting(DeadLetterEntry::jobId)
				.containsExactlyInAnyOrderElementsOf(ids);
		});
	}

	private void publishToJobQueue(AMQP.BasicProperties properties, String body) {
		LocalBroker.withChannel((channel) -> {
			channel.basicPublish(this.jobs.topology().exchange(), this.queue, properties,
					body.getBytes(StandardCharsets.UTF_8));
			return null;
		});
	}

	@Test
	void replayLeavesAnUnreadableEntryInPlace() {
		this.producer.run((context) -> {
			publish(context, DeadLetter.of("{not json".getBytes(StandardCharsets.UTF_8), FailureReason.MALFORMED,
					this.queue, Instant.now())
				.error("dev.jobs.core.envelope.MalformedJobException", "not valid JSON", null));
			DeadLetterQueue deadLetters = context.getBean(DeadLetterQueue.class);

			await().atMost(TIMEOUT).until(() -> deadLetters.replay(ours(1000)).equals(new ReplayResult(0, 1)));
			assertThat(awaitEntries(deadLetters, 1)).singleElement().satisfies((entry) -> {
				assertThat(entry.reason()).isEqualTo(FailureReason.MALFORMED);
				assertThat(entry.args()).isNull();
				assertThat(entry.jobId()).isNull();
			});
		});
	}

	@Test
	void purgeRemovesOnlyTheNamedEntries() {
		this.producer.run((context) -> {
			List<String> ids = publishDeadLetters(context, 4);
			DeadLetterQueue deadLetters = context.getBean(DeadLetterQueue.class);

			awaitEntries(deadLetters, 4);

			assertThat(purgeAll(deadLetters, DeadLetterQuery.first(1000).ids(Set.of(ids.get(0), ids.get(2))), 2))
				.isEqualTo(2);
			assertThat(awaitEntries(deadLetters, 2)).extracting(DeadLetterEntry::jobId)
				.containsExactlyInAnyOrder(ids.get(1), ids.get(3));
			assertThat(purgeAll(deadLetters, DeadLetterQuery.first(1000).task("ops-record").queue(this.queue), 2))
				.isEqualTo(2);
			assertThat(deadLetters.browse(ours(100))).isEmpty();
		});
	}

	@Test
	void purgeWithoutTaskQueueOrIdsIsRefused() {
		this.producer.run((context) -> assertThatIllegalArgumentException()
			.isThrownBy(() -> context.getBean(DeadLetterQueue.class).purge(DeadLetterQuery.first(10)))
			.withMessageContaining("must name a task, a queue, job ids"));
	}

	private DeadLetterQuery ours(int limit) {
		return DeadLetterQuery.first(limit).queue(this.queue);
	}

	/**
	 * Browses until the entries of this test number as expected.
	 */
	private List<DeadLetterEntry> awaitEntries(DeadLetterQueue deadLetters, int expected) {
		return awaitEntries(deadLetters, ours(100), expected);
	}

	private static List<DeadLetterEntry> awaitEntries(DeadLetterQueue deadLetters, DeadLetterQuery query,
			int expected) {
		List<DeadLetterEntry> entries = new ArrayList<>();
		await().atMost(TIMEOUT).until(() -> {
			entries.clear();
			entries.addAll(deadLetters.browse(query));
			return entries.size() == expected;
		});
		return entries;
	}

	/**
	 * Replays this test's entries until the expected number were replayed, adding up the
	 * results of each call.
	 */
	private ReplayResult replayAll(DeadLetterQueue deadLetters, int expected) {
		AtomicInteger replayed = new AtomicInteger();
		AtomicInteger skipped = new AtomicInteger();
		await().atMost(TIMEOUT).until(() -> {
			ReplayResult result = deadLetters.replay(ours(1000));
			skipped.addAndGet(result.skipped());
			return replayed.addAndGet(result.replayed()) >= expected;
		});
		return new ReplayResult(replayed.get(), skipped.get());
	}

	private static int purgeAll(DeadLetterQueue deadLetters, DeadLetterQuery query, int expected) {
		AtomicInteger purged = new AtomicInteger();
		await().atMost(TIMEOUT).until(() -> purged.addAndGet(deadLetters.purge(query)) >= expected);
		return purged.get();
	}

	private DeadLetterEntry awaitOneEntry(AssertableApplicationContext context) {
		DeadLetterQueue deadLetters = context.getBean(DeadLetterQueue.class);
		List<DeadLetterEntry> entries = new ArrayList<>();
		await().atMost(TIMEOUT).until(() -> {
			entries.clear();
			entries.addAll(deadLetters.browse(ours(100)));
			return !entries.isEmpty();
		});
		assertThat(entries).hasSize(1);
		return entries.get(0);
	}

	/**
	 * Publishes dead letters of task {@code ops-record} from this test's queue, as a worker
	 * would.
	 */
	private List<String> publishDeadLetters(AssertableApplicationContext context, int count) {
		JobCodecs codecs = context.getBean(JobCodecs.class);
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ArrayNode args = codecs.mapper().createArrayNode().add("marker-" + i);
			JobEnvelope job = JobEnvelope.first(JobIds.next(), "ops-record", this.queue, args, Instant.now());
			publish(context, DeadLetter
				.of(codecs.envelopes().encode(job), FailureReason.NOT_RETRYABLE, this.queue, Instant.now())
				.job(job.id(), job.task())
				.attempts(1)
				.error(IllegalStateException.class.getName(), "failed " + i, null));
			ids.add(job.id());
		}
		return ids;
	}

	private static void publish(AssertableApplicationContext context, DeadLetter letter) {
		JobsRabbitConnections connections = context.getBean(JobsRabbitConnections.class);
		new RabbitDeadLetterPublisher(connections.newTemplate(), context.getBean(JobsTopology.class),
				Duration.ofSeconds(10)).publish(letter);
	}

	/**
	 * Acts as a worker that keeps dying: takes the job and gives it back, until the broker's
	 * delivery limit sends it to the dead-letter queue.
	 */
	private static void rejectWithRequeueUntilDeadLettered(String brokerQueue) {
		await().atMost(TIMEOUT).until(() -> LocalBroker.withChannel((channel) -> {
			GetResponse response = channel.basicGet(brokerQueue, false);
			if (response != null) {
				channel.basicReject(response.getEnvelope().getDeliveryTag(), true);
			}
			return response == null && channel.messageCount(brokerQueue) == 0;
		}));
	}

	/**
	 * Tasks of this test. {@code charge} fails on its first call only.
	 */
	static class FlakyTasks {

		private final AtomicInteger chargeCalls = new AtomicInteger();

		private final AtomicInteger refuseCalls = new AtomicInteger();

		private volatile List<String> ran = new CopyOnWriteArrayList<>();

		int chargeCalls() {
			return this.chargeCalls.get();
		}

		void recordInto(List<String> ran) {
			this.ran = ran;
		}

		@BackgroundTask(name = "ops-charge")
		String charge(String customer, BigDecimal amount) {
			if (this.chargeCalls.getAndIncrement() == 0) {
				throw new IllegalStateException("card network down for " + customer);
			}
			return "charged " + customer;
		}

		@BackgroundTask(name = "ops-refuse")
		String refuse(String customer) {
			this.refuseCalls.incrementAndGet();
			throw new IllegalStateException("card refused for " + customer);
		}

		int refuseCalls() {
			return this.refuseCalls.get();
		}

		@BackgroundTask(name = "ops-record")
		int record(String marker) {
			this.ran.add(JobContext.current().jobId());
			return 1;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TaskConfiguration {

		@Bean
		FlakyTasks flakyTasks() {
			return new FlakyTasks();
		}

	}

}
