package dev.jobs.core.execution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.jobs.JobError;
import dev.jobs.JobStatus;
import dev.jobs.core.envelope.JobCodecs;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.envelope.JobIds;
import dev.jobs.core.envelope.MalformedJobException;
import dev.jobs.FailureReason;
import dev.jobs.core.port.JobObserver;
import dev.jobs.core.port.MessageAttributes;
import dev.jobs.core.retry.RetryPolicies;
import dev.jobs.core.retry.RetryPolicy;
import dev.jobs.core.task.BackgroundTaskScanner;
import dev.jobs.core.task.TaskSettings;
import dev.jobs.core.task.TaskInvoker;
import dev.jobs.core.task.TaskRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A delivery is settled before it may be acknowledged: its result stored, or its dead letter
 * confirmed and then its failure stored. When the settlement {@link JobWorker#handle} returns
 * fails, the delivery is given back, so it fails exactly when nothing durable records the job's
 * end.
 */
class JobWorkerTests {

	private static final Instant NOW = Instant.parse("2026-11-27T20:15:30Z");

	private static final String QUEUE = "reports";

	private final JobCodecs codecs = JobCodecs.create();

	private final TaskRegistry registry = new TaskRegistry(Map.of());

	private final ReportTasks tasks = new ReportTasks();

	private final List<String> events = new CopyOnWriteArrayList<>();

	private final InMemoryResultStore results = new InMemoryResultStore(this.events);

	private final RecordingDeadLetterPublisher deadLetters = new RecordingDeadLetterPublisher(this.events);

	private final List<String> observed = new CopyOnWriteArrayList<>();

	private final JobWorker worker;

	JobWorkerTests() {
		new BackgroundTaskScanner(this.registry, this.codecs.mapper(),
				new TaskSettings(QUEUE, Map.of(), Map.of(), new RetryPolicies(RetryPolicy.none("default"), Map.of())))
			.postProcessAfterInitialization(this.tasks, "reportTasks");
		Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
		JobObserver observer = new JobObserver() {
			@Override
			public void settled(String queue, String task, Outcome outcome, Duration duration) {
				JobWorkerTests.this.observed.add(queue + " " + task + " " + outcome.tag());
			}
		};
		this.worker = new JobWorker(
				new JobExecutor(this.codecs.envelopes(), this.registry, new TaskInvoker(), this.results, clock),
				new JobWorker.Ports(this.results, this.deadLetters, (envelope) -> {
					throw new AssertionError("no retry expected: the tasks' policy never retries");
				}, Duration.ofSeconds(1), Duration.ofMillis(10), new FailureListeners(List.of()), observer), clock);
	}

	@Test
	void successStoresASuccessRecordWithTheResult() {
		JobEnvelope job = job("render", array("Q3", 12), null);

		Outcome outcome = settle(deliver(job));

		assertThat(outcome).isInstanceOf(Outcome.Succeeded.class);
		assertThat(this.results.recorded()).singleElement().satisfies((record) -> {
			assertThat(record.id()).isEqualTo(job.id());
			assertThat(record.task()).isEqualTo("render");
			assertThat(record.queue()).isEqualTo(QUEUE);
			assertThat(record.status()).isEqualTo(JobStatus.SUCCESS);
			assertThat(record.attempts()).isEqualTo(1);
			assertThat(record.enqueuedAt()).isEqualTo(job.enqueuedAt());
			assertThat(record.startedAt()).isEqualTo(NOW);
			assertThat(record.finishedAt()).isEqualTo(NOW);
			assertThat(record.result().asString()).isEqualTo("Q3 (12 pages)");
			assertThat(record.error()).isNull();
		});
		assertThat(this.deadLetters.letters()).isEmpty();
	}

	@Test
	void successThatCannotBeStoredYetIsStoredLaterWithoutRunningTheJobAgain() {
		this.results.failRecordsWith(new IllegalStateException("Redis is unreachable"));
		JobEnvelope job = job("render", array("Q3", 12), null);

		CompletableFuture<Outcome> settlement = this.worker.handle(deliver(job));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.results.refused() >= 3);
		assertThat(settlement).isNotDone();
		this.results.failRecordsWith(null);

		assertThat(settlement).succeedsWithin(Duration.ofSeconds(10)).isInstanceOf(Outcome.Succeeded.class);
		assertThat(this.results.recorded()).singleElement()
			.satisfies((record) -> assertThat(record.status()).isEqualTo(JobStatus.SUCCESS));
		assertThat(this.tasks.ran()).hasSize(1);
	}

	@Test
	void successThatCannotBeStoredIsNotSettledOnceTheDeliveryIsNoLongerHeld() {
		IllegalStateException redisDown = new IllegalStateException("Redis is unreachable");
		this.results.failRecordsWith(redisDown);
		AtomicBoolean held = new AtomicBoolean(true);
		JobEnvelope job = job("render", array("Q3", 12), null);

		CompletableFuture<Outcome> settlement = this.worker
			.handle(new InboundJob(this.codecs.envelopes().encode(job), QUEUE, false, 0, 0, held::get,
					MessageAttributes.none()));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.results.refused() >= 1);
		held.set(false);

		assertThat(settlement).failsWithin(Duration.ofSeconds(10)).withThrowableThat().havingCause().isSameAs(redisDown);
		assertThat(this.results.recorded()).isEmpty();
		assertThat(this.tasks.ran()).hasSize(1);
	}

	@Test
	void failedTaskIsDeadLetteredBeforeItsFailureIsStored() {
		JobEnvelope job = job("publish", array("Q3"), null);

		settle(deliver(job));

		assertThat(this.events).containsExactly("started " + job.id(), "dead-letter " + job.id(),
				"FAILURE " + job.id());
	}

	@Test
	void deadLetterOfAFailedTaskCarriesTheJobAndTheTasksError() {
		JobEnvelope job = job("publish", array("Q3"), null);
		byte[] body = this.codecs.envelopes().encode(job);

		settle(new InboundJob(body, QUEUE, false, 0, 0));

		assertThat(this.deadLetters.letters()).singleElement().satisfies((letter) -> {
			assertThat(letter.body()).isEqualTo(body);
			assertThat(letter.reason()).isEqualTo(FailureReason.RETRIES_EXHAUSTED);
			assertThat(letter.jobId()).isEqualTo(job.id());
			assertThat(letter.task()).isEqualTo("publish");
			assertThat(letter.queue()).isEqualTo(QUEUE);
			assertThat(letter.attempts()).isEqualTo(1);
			assertThat(letter.errorType()).isEqualTo(IOException.class.getName());
			assertThat(letter.errorMessage()).isEqualTo("share for Q3 is read-only");
			assertThat(letter.stackTrace()).startsWith(IOException.class.getName());
			assertThat(letter.failedAt()).isEqualTo(NOW);
		});
		assertThat(this.results.find(job.id())).hasValueSatisfying((record) -> {
			assertThat(record.status()).isEqualTo(JobStatus.FAILURE);
			assertThat(record.attempts()).isEqualTo(1);
			assertThat(record.finishedAt()).isEqualTo(NOW);
			assertThat(record.error()).isEqualTo(new JobError(IOException.class.getName(), "share for Q3 is read-only"));
		});
	}

	@Test
	void deadLetterThatIsNotConfirmedFailsTheDeliveryAndStoresNoFailure() {
		IllegalStateException notConfirmed = new IllegalStateException("dead letter not confirmed within 10s");
		this.deadLetters.failWith(notConfirmed);
		JobEnvelope job = job("publish", array("Q3"), null);

		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> settle(deliver(job)))
			.isSameAs(notConfirmed);
		assertThat(this.results.recorded()).isEmpty();
	}

	@Test
	void failureThatCannotBeStoredAfterAConfirmedDeadLetterStillSettles() {
		this.results.failRecordsWith(new IllegalStateException("Redis is unreachable"));
		JobEnvelope job = job("publish", array("Q3"), null);

		Outcome outcome = settle(deliver(job));

		assertThat(outcome).isInstanceOf(Outcome.DeadLettered.class);
		assertThat(this.deadLetters.letters()).singleElement()
			.satisfies((letter) -> assertThat(letter.jobId()).isEqualTo(job.id()));
	}

	@Test
	void malformedBodyIsDeadLetteredWithoutAResultRecord() {
		byte[] body = "not a job".getBytes(StandardCharsets.UTF_8);

		Outcome outcome = settle(new InboundJob(body, QUEUE, true, 1, 0));

		assertThat(outcome).isInstanceOf(Outcome.DeadLettered.class);
		assertThat(this.deadLetters.letters()).singleElement().satisfies((letter) -> {
			assertThat(letter.reason()).isEqualTo(FailureReason.MALFORMED);
			assertThat(letter.body()).isEqualTo(body);
			assertThat(letter.jobId()).isNull();
			assertThat(letter.task()).isNull();
			assertThat(letter.queue()).isEqualTo(QUEUE);
			assertThat(letter.attempts()).isZero();
			assertThat(letter.errorType()).isEqualTo(MalformedJobException.class.getName());
		});
		assertThat(this.results.recorded()).isEmpty();
	}

	/**
	 * Regression: a body whose {@code enqueuedAt} is a JSON object made decoding throw a Jackson
	 * exception instead of {@link MalformedJobException}; the worker threw, so the message
	 * would be given back and redelivered instead of parked in the dead-letter queue.
	 */
	@Test
	void bodyWithAnObjectForItsEnqueuedAtIsDeadLetteredAsMalformed() {
		ObjectNode body = (ObjectNode) this.codecs.mapper()
			.readTree(this.codecs.envelopes().encode(job("render", array("Q3", 12), null)));
		body.putObject("enqueuedAt").put("epochSecond", NOW.getEpochSecond());

		Outcome outcome = settle(new InboundJob(this.codecs.mapper().writeValueAsBytes(body), QUEUE, false, 0, 0));

		assertThat(outcome).isInstanceOfSatisfying(Outcome.DeadLettered.class,
				(dead) -> assertThat(dead.reason()).isEqualTo(FailureReason.MALFORMED));
		assertThat(this.tasks.ran()).isEmpty();
	}

	@Test
	void argumentMismatchIsDeadLetteredAndStoredAsAFailureWithoutAnAttempt() {
		JobEnvelope job = job("render", array("Q3"), null);

		settle(deliver(job));

		assertThat(this.deadLetters.letters()).singleElement().satisfies((letter) -> {
			assertThat(letter.reason()).isEqualTo(FailureReason.ARGUMENT_TYPE);
			assertThat(letter.attempts()).isZero();
		});
		assertThat(this.results.find(job.id())).hasValueSatisfying((record) -> {
			assertThat(record.status()).isEqualTo(JobStatus.FAILURE);
			assertThat(record.attempts()).isZero();
			assertThat(record.error().message()).contains("takes 2 argument(s)");
		});
		assertThat(this.tasks.ran()).isEmpty();
	}

	@Test
	void expiredJobIsStoredAsExpiredAndNotRun() {
		JobEnvelope job = job("render", array("Q3", 12), NOW.minusSeconds(1));

		settle(deliver(job));

		assertThat(this.tasks.ran()).isEmpty();
		assertThat(this.results.find(job.id())).hasValueSatisfying((record) -> {
			assertThat(record.status()).isEqualTo(JobStatus.EXPIRED);
			assertThat(record.attempts()).isZero();
			assertThat(record.finishedAt()).isEqualTo(NOW);
			assertThat(record.error().type()).isEqualTo("EXPIRED");
		});
		assertThat(this.deadLetters.letters()).isEmpty();
	}

	@Test
	void observerHearsEachSettledDelivery() {
		settle(deliver(job("render", array("Q3", 12), null)));
		settle(deliver(job("publish", array("Q3"), null)));
		settle(new InboundJob(new byte[0], QUEUE, false, 0, 0));

		assertThat(this.observed).containsExactly(QUEUE + " render success", QUEUE + " publish dead",
				QUEUE + " null dead");
	}

	private JobEnvelope job(String task, ArrayNode args, Instant expiresAt) {
		return JobEnvelope.first(JobIds.next(), task, QUEUE, args, NOW.minusSeconds(5), expiresAt, null);
	}

	private InboundJob deliver(JobEnvelope job) {
		return new InboundJob(this.codecs.envelopes().encode(job), QUEUE, false, 0, 0);
	}

	private ArrayNode array(Object... values) {
		ArrayNode array = this.codecs.mapper().createArrayNode();
		List.of(values).forEach((value) -> array.add(this.codecs.mapper().valueToTree(value)));
		return array;
	}

	/** Handles a delivery and waits for its settlement, as the broker adapter does before it acknowledges. */
	private Outcome settle(InboundJob inbound) {
		try {
			return this.worker.handle(inbound).join();
		}
		catch (CompletionException ex) {
			throw (RuntimeException) ex.getCause();
		}
	}

}
