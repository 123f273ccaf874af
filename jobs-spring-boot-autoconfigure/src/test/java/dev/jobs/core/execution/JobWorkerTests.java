package dev.jobs.core.execution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.StringNode;
import tools.jackson.databind.node.ObjectNode;

import dev.jobs.FailureReason;
import dev.jobs.JobError;
import dev.jobs.JobFailure;
import dev.jobs.JobFailureListener;
import dev.jobs.JobStatus;
import dev.jobs.core.envelope.JobCodecs;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.envelope.JobIds;
import dev.jobs.core.envelope.MalformedJobException;
import dev.jobs.core.guard.ExpiryGuard;
import dev.jobs.core.port.Acknowledgement;
import dev.jobs.core.port.JobObserver;
import dev.jobs.core.port.MessageAttributes;
import dev.jobs.core.port.OutcomeKind;
import dev.jobs.core.port.ResultRecord;
import dev.jobs.core.port.SettledDelivery;
import dev.jobs.core.retry.RetryPolicies;
import dev.jobs.core.retry.RetryPolicy;
import dev.jobs.core.task.BackgroundTaskScanner;
import dev.jobs.core.task.TaskInvoker;
import dev.jobs.core.task.TaskRegistry;
import dev.jobs.core.task.TaskSettings;

import static org.assertj.core.api.Assertions.assertThat;
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

	private final List<JobEnvelope> retries = new CopyOnWriteArrayList<>();

	private final List<JobFailure> failures = new CopyOnWriteArrayList<>();

	private final RunningJobs running = new RunningJobs();

	private volatile RuntimeException retryRefusal;

	private final JobWorker worker;

	JobWorkerTests() {
		RetryPolicy twice = new RetryPolicy("twice", 2, Duration.ofSeconds(30), 1, Duration.ofSeconds(30), false,
				List.of(), List.of(), List.of());
		new BackgroundTaskScanner(this.registry, this.codecs.mapper(),
				new TaskSettings(QUEUE, Map.of(), Map.of("flaky", "twice"),
						new RetryPolicies(RetryPolicy.none("default"), Map.of("twice", twice))))
			.postProcessAfterInitialization(this.tasks, "reportTasks");
		Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
		JobObserver observer = new JobObserver() {
			@Override
			public void settled(SettledDelivery delivery) {
				JobWorkerTests.this.observed.add(delivery.queue() + " " + delivery.task() + " " + delivery.kind().tag());
			}
		};
		JobFailureListener listener = (failure) -> {
			this.events.add("listener " + failure.jobId());
			this.failures.add(failure);
		};
		this.worker = new JobWorker(
				new JobExecutor(this.codecs.envelopes(), this.registry, new TaskInvoker(), this.results,
						List.of(new ExpiryGuard(), JobWorkerTests::scriptedGuard), this.running, clock),
				new JobWorker.Ports(this.results, this.deadLetters, this::publishRetry, Duration.ofSeconds(1),
						Duration.ofMillis(10), new FailureListeners(List.of(listener)), observer),
				clock);
	}

	/** Stops a job whose first argument names a guard's outcome, as the real guards would. */
	private static Admission scriptedGuard(GuardedJob job) {
		Object first = job.args().isEmpty() ? null : job.args().get(0);
		if ("DEFER".equals(first)) {
			return Admission.stop(new Outcome.Deferred(job.envelope(), Duration.ofSeconds(5), "already_running"));
		}
		if ("SKIP".equals(first)) {
			return Admission.stop(new Outcome.Skipped(job.envelope(), "already_running", "its lock is held"));
		}
		if ("DEDUPE".equals(first)) {
			return Admission.stop(new Outcome.Deduplicated(job.envelope(), StringNode.valueOf("earlier"), "job-0"));
		}
		return Admission.proceed();
	}

	private CompletableFuture<Void> publishRetry(JobEnvelope envelope) {
		RuntimeException refusal = this.retryRefusal;
		if (refusal != null) {
			return CompletableFuture.failedFuture(refusal);
		}
		this.events.add("retry " + envelope.id());
		this.retries.add(envelope);
		return CompletableFuture.completedFuture(null);
	}

	/**
	 * Every kind of outcome, driven through the worker: its acknowledgement, the status its
	 * record takes, its metric tag and whether the failure listeners hear of it. A kind without a
	 * scenario here fails this test.
	 */
	@ParameterizedTest
	@EnumSource(OutcomeKind.class)
	void everyKindOfOutcomeIsSettledAsItsKindSays(OutcomeKind kind) throws Exception {
		Map<OutcomeKind, Scenario> scenarios = new java.util.EnumMap<>(Map.of(
				OutcomeKind.SUCCEEDED, scenario("render", array("Q3", 12), null, JobStatus.SUCCESS, "success", false),
				OutcomeKind.RETRY_SCHEDULED, scenario("flaky", array("Q3"), null, JobStatus.RETRYING, "retry", false),
				OutcomeKind.FAILED, scenario("publish", array("Q3"), null, JobStatus.FAILURE, "failure", true),
				OutcomeKind.REJECTED, scenario("render", array("Q3"), null, JobStatus.FAILURE, "dead", false),
				OutcomeKind.EXPIRED,
				scenario("render", array("Q3", 12), NOW.minusSeconds(1), JobStatus.EXPIRED, "expired", false),
				OutcomeKind.DEFERRED,
				scenario("render", array("DEFER", 12), null, JobStatus.DEFERRED, "deferred", false),
				OutcomeKind.SKIPPED, scenario("render", array("SKIP", 12), null, JobStatus.SKIPPED, "skipped", false),
				OutcomeKind.DEDUPLICATED,
				scenario("render", array("DEDUPE", 12), null, JobStatus.SUCCESS, "deduplicated", false),
				OutcomeKind.GIVEN_BACK, new Scenario(job("wait", array(false), null), Acknowledgement.GIVE_BACK, null,
						"given_back", false)));
		scenarios.put(OutcomeKind.CANCELLED, new Scenario(job("wait", array(false), null), Acknowledgement.ACK,
				JobStatus.CANCELLED, "cancelled", false));
		Scenario scenario = scenarios.get(kind);
		assertThat(scenario).as("a scenario for " + kind).isNotNull();

		CompletableFuture<Outcome> settlement = CompletableFuture.supplyAsync(() -> settle(deliver(scenario.job())));
		if (kind == OutcomeKind.GIVEN_BACK || kind == OutcomeKind.CANCELLED) {
			this.tasks.waiting().await();
			InterruptCause cause = (kind == OutcomeKind.GIVEN_BACK) ? InterruptCause.SHUTDOWN : InterruptCause.CANCELLED;
			await().until(() -> this.running.interrupt(scenario.job().id(), cause));
		}
		Outcome outcome = settlement.get(10, TimeUnit.SECONDS);

		assertThat(outcome.kind()).isEqualTo(kind);
		assertThat(kind.acknowledgement()).isEqualTo(scenario.acknowledgement());
		assertThat(kind.status()).isEqualTo(Optional.ofNullable(scenario.status()));
		// A kind without a status of its own leaves the record as the attempt left it.
		assertThat(this.results.find(scenario.job().id()).map(ResultRecord::status))
			.contains(kind.status().orElse(JobStatus.STARTED));
		assertThat(this.observed).containsExactly(QUEUE + " " + scenario.job().task() + " " + scenario.tag());
		assertThat(this.failures).hasSize(scenario.listenerTold() ? 1 : 0);
	}

	@Test
	void deferredJobGoesBackToTheDelayLevelsWithTheSameAttemptAndItsReason() {
		JobEnvelope job = job("render", array("DEFER", 12), null);

		settle(deliver(job));

		assertThat(this.tasks.ran()).isEmpty();
		assertThat(this.retries).singleElement().satisfies((copy) -> {
			assertThat(copy.attempt()).isEqualTo(job.attempt());
			assertThat(copy.eta()).isEqualTo(NOW.plusSeconds(5));
		});
		assertThat(this.results.find(job.id())).hasValueSatisfying((record) -> {
			assertThat(record.reason()).isEqualTo("already_running");
			assertThat(record.nextAttemptAt()).isEqualTo(NOW.plusSeconds(5));
			assertThat(record.attempts()).isZero();
		});
	}

	@Test
	void snoozedJobIsDeferredWithTheSameAttemptAndCountsNoFailure() {
		JobEnvelope job = job("too-early", array("Q3"), null);

		Outcome outcome = settle(deliver(job));

		assertThat(outcome).isInstanceOf(Outcome.Deferred.class);
		assertThat(this.tasks.ran()).containsExactly("too-early Q3");
		assertThat(this.retries).singleElement().satisfies((copy) -> {
			assertThat(copy.attempt()).isEqualTo(job.attempt());
			assertThat(copy.eta()).isEqualTo(NOW.plusSeconds(300));
		});
		assertThat(this.results.find(job.id())).hasValueSatisfying((record) -> {
			assertThat(record.status()).isEqualTo(JobStatus.DEFERRED);
			assertThat(record.reason()).isEqualTo("snoozed");
		});
		assertThat(this.failures).isEmpty();
	}

	@Test
	void deduplicatedJobEndsWithTheEarlierResultAndSaysFromWhichJob() {
		JobEnvelope job = job("render", array("DEDUPE", 12), null);

		settle(deliver(job));

		assertThat(this.tasks.ran()).isEmpty();
		assertThat(this.results.find(job.id())).hasValueSatisfying((record) -> {
			assertThat(record.result()).isEqualTo(StringNode.valueOf("earlier"));
			assertThat(record.deduplicatedFrom()).isEqualTo("job-0");
		});
	}

	private Scenario scenario(String task, ArrayNode args, Instant expiresAt, JobStatus status, String tag,
			boolean listenerTold) {
		return new Scenario(job(task, args, expiresAt), Acknowledgement.ACK, status, tag, listenerTold);
	}

	private record Scenario(JobEnvelope job, Acknowledgement acknowledgement, JobStatus status, String tag,
			boolean listenerTold) {
	}

	/** Regression: a dead letter the broker refused gave the delivery back, and the task ran again about once a second. */
	@Test
	void deadLetterTheBrokerRefusesIsPublishedAgainWhileTheDeliveryIsHeldWithoutRunningTheTaskAgain() {
		this.deadLetters.failWith(new IllegalStateException("dead letter not confirmed within 1s"));
		JobEnvelope job = job("publish", array("Q3"), null);

		CompletableFuture<Outcome> settlement = CompletableFuture.supplyAsync(() -> settle(deliver(job)));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.deadLetters.refused() >= 3);
		assertThat(settlement).isNotDone();
		this.deadLetters.failWith(null);

		assertThat(settlement).succeedsWithin(Duration.ofSeconds(10)).isInstanceOf(Outcome.Failed.class);
		assertThat(this.tasks.ran()).containsExactly("publish Q3");
		assertThat(this.deadLetters.letters()).singleElement()
			.satisfies((letter) -> assertThat(letter.jobId()).isEqualTo(job.id()));
	}

	@Test
	void retryTheBrokerRefusesIsPublishedAgainWhileTheDeliveryIsHeld() {
		this.retryRefusal = new IllegalStateException("retry not confirmed");
		JobEnvelope job = job("flaky", array("Q3"), null);

		CompletableFuture<Outcome> settlement = CompletableFuture.supplyAsync(() -> settle(deliver(job)));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.tasks.ran().size() == 1);
		assertThat(settlement).isNotDone();
		this.retryRefusal = null;

		assertThat(settlement).succeedsWithin(Duration.ofSeconds(10)).isInstanceOf(Outcome.RetryScheduled.class);
		assertThat(this.tasks.ran()).hasSize(1);
		assertThat(this.retries).singleElement().satisfies((next) -> {
			assertThat(next.attempt()).isEqualTo(2);
			assertThat(next.eta()).isEqualTo(NOW.plusSeconds(30));
		});
	}

	@Test
	void retryCopyKeepsTheJobsExpiry() {
		JobEnvelope job = job("flaky", array("Q3"), NOW.plusSeconds(3600));

		settle(deliver(job));

		assertThat(this.retries).singleElement()
			.satisfies((next) -> assertThat(next.expiresAt()).isEqualTo(job.expiresAt()));
	}

	@Test
	void deadLetterThatIsNotConfirmedFailsTheDeliveryOnceItIsNoLongerHeld() {
		IllegalStateException notConfirmed = new IllegalStateException("dead letter not confirmed within 10s");
		this.deadLetters.failWith(notConfirmed);
		AtomicBoolean held = new AtomicBoolean(true);
		JobEnvelope job = job("publish", array("Q3"), null);

		CompletableFuture<Outcome> settlement = CompletableFuture.supplyAsync(() -> settle(
				new InboundJob(this.codecs.envelopes().encode(job), QUEUE, false, 0, 0, held::get,
					MessageAttributes.none())));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.deadLetters.refused() >= 1);
		held.set(false);

		assertThat(settlement).failsWithin(Duration.ofSeconds(10)).withThrowableThat().havingRootCause()
			.isSameAs(notConfirmed);
		assertThat(this.results.recorded()).isEmpty();
		assertThat(this.failures).isEmpty();
	}

	/** Regression: the listeners ran at once while FAILURE was still on its way to Redis. */
	@Test
	void failureListenersAreToldOnceTheFailureIsStored() {
		JobEnvelope job = job("publish", array("Q3"), null);

		settle(deliver(job));

		assertThat(this.events).containsExactly("started " + job.id(), "dead-letter " + job.id(),
				"FAILURE " + job.id(), "listener " + job.id());
	}

	/** A guard whose store is down holds the delivery instead of giving it back, which used up the delivery limit. */
	@Test
	void guardThatCannotReachItsStoreHoldsTheDeliveryUntilItCanDecide() {
		AtomicBoolean storeDown = new AtomicBoolean(true);
		AtomicInteger asked = new AtomicInteger();
		JobGuard guard = (job) -> {
			asked.incrementAndGet();
			if (storeDown.get()) {
				throw new IllegalStateException("Redis is unreachable");
			}
			return Admission.proceed();
		};
		JobWorker guarded = new JobWorker(new JobExecutor(this.codecs.envelopes(), this.registry, new TaskInvoker(),
				this.results, List.of(guard), this.running, Clock.fixed(NOW, ZoneOffset.UTC)), ports(JobObserver.NONE),
				Clock.fixed(NOW, ZoneOffset.UTC));

		CompletableFuture<Outcome> settlement = CompletableFuture
			.supplyAsync(() -> guarded.handle(deliver(job("render", array("Q3", 12), null))).join());
		await().atMost(Duration.ofSeconds(10)).until(() -> asked.get() >= 3);
		assertThat(settlement).isNotDone();
		assertThat(this.tasks.ran()).isEmpty();
		storeDown.set(false);

		assertThat(settlement).succeedsWithin(Duration.ofSeconds(10)).isInstanceOf(Outcome.Succeeded.class);
		assertThat(this.tasks.ran()).hasSize(1);
	}

	@Test
	void observerThatThrowsDoesNotUnsettleTheDelivery() {
		JobWorker observed = new JobWorker(new JobExecutor(this.codecs.envelopes(), this.registry, new TaskInvoker(),
				this.results, List.of(), this.running, Clock.fixed(NOW, ZoneOffset.UTC)), ports(new JobObserver() {
					@Override
					public void settled(SettledDelivery delivery) {
						throw new IllegalStateException("meter registry closed");
					}
				}), Clock.fixed(NOW, ZoneOffset.UTC));

		assertThat(observed.handle(deliver(job("render", array("Q3", 12), null)))).succeedsWithin(Duration.ofSeconds(10))
			.isInstanceOf(Outcome.Succeeded.class);
	}

	@Test
	void afterRunStepThatFailsLeavesTheSettledOutcomeStanding() {
		JobGuard guard = (job) -> Admission
			.proceed((outcome) -> CompletableFuture.failedFuture(new IllegalStateException("lock release failed")));
		JobWorker guarded = new JobWorker(new JobExecutor(this.codecs.envelopes(), this.registry, new TaskInvoker(),
				this.results, List.of(guard), this.running, Clock.fixed(NOW, ZoneOffset.UTC)), ports(JobObserver.NONE),
				Clock.fixed(NOW, ZoneOffset.UTC));

		assertThat(guarded.handle(deliver(job("publish", array("Q3"), null)))).succeedsWithin(Duration.ofSeconds(10))
			.isInstanceOf(Outcome.Failed.class);
		assertThat(this.deadLetters.letters()).hasSize(1);
	}

	/** The step for a success (an idempotency key's result) is durable before the success is. */
	@Test
	void successStepRunsBeforeTheSuccessIsRecordedAndOnlyForASuccess() {
		JobWorker guarded = workerWith((job) -> Admission.proceed(
				(succeeded) -> this.events.add("on-success " + succeeded.envelope().id()),
				(outcome) -> {
					this.events.add("after-run " + outcome.kind().tag() + " " + outcome.envelope().id());
					return CompletableFuture.completedFuture(null);
				}));
		JobEnvelope succeeds = job("render", array("Q3", 12), null);
		JobEnvelope fails = job("publish", array("Q3"), null);

		assertThat(guarded.handle(deliver(succeeds))).succeedsWithin(Duration.ofSeconds(10));
		assertThat(guarded.handle(deliver(fails))).succeedsWithin(Duration.ofSeconds(10));

		assertThat(this.events).containsSubsequence("on-success " + succeeds.id(), "SUCCESS " + succeeds.id(),
				"after-run success " + succeeds.id());
		assertThat(this.events).doesNotContain("on-success " + fails.id())
			.contains("after-run failure " + fails.id());
	}

	@Test
	void successStepThatIsRefusedHoldsTheDeliveryWithoutRecordingOrRunningTheJobAgain() {
		AtomicBoolean storeDown = new AtomicBoolean(true);
		AtomicInteger tried = new AtomicInteger();
		JobWorker guarded = workerWith((job) -> Admission.proceed((succeeded) -> {
			tried.incrementAndGet();
			if (storeDown.get()) {
				throw new IllegalStateException("Redis is unreachable");
			}
		}, AfterRun.NONE));

		CompletableFuture<Outcome> settlement = CompletableFuture
			.supplyAsync(() -> guarded.handle(deliver(job("render", array("Q3", 12), null))).join());
		await().atMost(Duration.ofSeconds(10)).until(() -> tried.get() >= 3);
		assertThat(settlement).isNotDone();
		assertThat(this.results.recorded()).isEmpty();
		storeDown.set(false);

		assertThat(settlement).succeedsWithin(Duration.ofSeconds(10)).isInstanceOf(Outcome.Succeeded.class);
		assertThat(this.results.recorded()).singleElement()
			.satisfies((record) -> assertThat(record.status()).isEqualTo(JobStatus.SUCCESS));
		assertThat(this.tasks.ran()).hasSize(1);
	}

	@Test
	void successStepRefusedUntilTheDeliveryIsNoLongerHeldGivesItBackAfterTheAfterRunSteps() {
		IllegalStateException redisDown = new IllegalStateException("Redis is unreachable");
		List<OutcomeKind> afterRuns = new CopyOnWriteArrayList<>();
		JobWorker guarded = workerWith((job) -> Admission.proceed((succeeded) -> {
			throw redisDown;
		}, (outcome) -> {
			afterRuns.add(outcome.kind());
			return CompletableFuture.completedFuture(null);
		}));
		AtomicBoolean held = new AtomicBoolean(true);
		JobEnvelope job = job("render", array("Q3", 12), null);

		CompletableFuture<Outcome> settlement = CompletableFuture.supplyAsync(() -> guarded
			.handle(new InboundJob(this.codecs.envelopes().encode(job), QUEUE, false, 0, 0, held::get,
					MessageAttributes.none()))
			.join());
		await().atMost(Duration.ofSeconds(10)).until(() -> this.tasks.ran().size() == 1);
		held.set(false);

		assertThat(settlement).failsWithin(Duration.ofSeconds(10)).withThrowableThat().havingRootCause()
			.isSameAs(redisDown);
		assertThat(this.results.recorded()).isEmpty();
		assertThat(afterRuns).containsExactly(OutcomeKind.GIVEN_BACK);
	}

	private JobWorker workerWith(JobGuard guard) {
		Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
		return new JobWorker(new JobExecutor(this.codecs.envelopes(), this.registry, new TaskInvoker(), this.results,
				List.of(guard), this.running, clock), ports(JobObserver.NONE), clock);
	}

	private JobWorker.Ports ports(JobObserver observer) {
		return new JobWorker.Ports(this.results, this.deadLetters, this::publishRetry, Duration.ofSeconds(1),
				Duration.ofMillis(10), new FailureListeners(List.of()), observer);
	}

	@Test
	void listenerThatThrowsAnErrorDoesNotGiveTheDeliveryBack() {
		JobWorker throwing = new JobWorker(
				new JobExecutor(this.codecs.envelopes(), this.registry, new TaskInvoker(), this.results,
						List.of(new ExpiryGuard()), this.running, Clock.fixed(NOW, ZoneOffset.UTC)),
				new JobWorker.Ports(this.results, this.deadLetters, this::publishRetry, Duration.ofSeconds(1),
						Duration.ofMillis(10), new FailureListeners(List.of((failure) -> {
							throw new NoClassDefFoundError("com/example/Alerts");
						})), JobObserver.NONE),
				Clock.fixed(NOW, ZoneOffset.UTC));

		assertThat(throwing.handle(deliver(job("publish", array("Q3"), null))))
			.succeedsWithin(Duration.ofSeconds(10))
			.isInstanceOf(Outcome.Failed.class);
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
	void failureThatCannotBeStoredYetIsHeldUntilStoredAndTheListenersWait() {
		this.results.failRecordsWith(new IllegalStateException("Redis is unreachable"));
		JobEnvelope job = job("publish", array("Q3"), null);

		CompletableFuture<Outcome> settlement = CompletableFuture.supplyAsync(() -> settle(deliver(job)));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.results.refused() >= 3);
		assertThat(settlement).isNotDone();
		assertThat(this.failures).isEmpty();
		this.results.failRecordsWith(null);

		assertThat(settlement).succeedsWithin(Duration.ofSeconds(10)).isInstanceOf(Outcome.Failed.class);
		assertThat(this.deadLetters.letters()).singleElement()
			.satisfies((letter) -> assertThat(letter.jobId()).isEqualTo(job.id()));
		assertThat(this.results.find(job.id())).hasValueSatisfying(
				(record) -> assertThat(record.status()).isEqualTo(JobStatus.FAILURE));
		assertThat(this.failures).hasSize(1);
		assertThat(this.tasks.ran()).hasSize(1);
	}

	@Test
	void failureThatCannotBeStoredAfterAConfirmedDeadLetterSettlesOnceTheDeliveryIsNoLongerHeld() {
		this.results.failRecordsWith(new IllegalStateException("Redis is unreachable"));
		AtomicBoolean held = new AtomicBoolean(true);
		JobEnvelope job = job("publish", array("Q3"), null);

		CompletableFuture<Outcome> settlement = CompletableFuture.supplyAsync(() -> settle(
				new InboundJob(this.codecs.envelopes().encode(job), QUEUE, false, 0, 0, held::get,
					MessageAttributes.none())));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.results.refused() >= 1);
		held.set(false);

		assertThat(settlement).succeedsWithin(Duration.ofSeconds(10)).isInstanceOf(Outcome.Failed.class);
		assertThat(this.deadLetters.letters()).hasSize(1);
	}

	@Test
	void malformedBodyIsDeadLetteredWithoutAResultRecord() {
		byte[] body = "not a job".getBytes(StandardCharsets.UTF_8);

		Outcome outcome = settle(new InboundJob(body, QUEUE, true, 1, 0));

		assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
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

		assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejected.class,
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

		assertThat(this.observed).containsExactly(QUEUE + " render success", QUEUE + " publish failure",
				QUEUE + " null dead");
	}

	private JobEnvelope job(String task, ArrayNode args, Instant expiresAt) {
		return JobEnvelope.first(JobIds.next(), task, QUEUE, args, NOW.minusSeconds(5)).expiresAt(expiresAt);
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
