package dev.jobs.core.execution;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;

import org.slf4j.MDC;

import dev.jobs.FailureReason;
import dev.jobs.JobContext;
import dev.jobs.JobStatus;
import dev.jobs.UnknownTaskException;
import dev.jobs.core.envelope.ArgumentMismatchException;
import dev.jobs.core.envelope.JobCodecs;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.envelope.JobIds;
import dev.jobs.core.envelope.MalformedJobException;
import dev.jobs.core.guard.ExpiryGuard;
import dev.jobs.core.retry.RetryPolicies;
import dev.jobs.core.retry.RetryPolicy;
import dev.jobs.core.task.BackgroundTaskScanner;
import dev.jobs.core.task.TaskInvoker;
import dev.jobs.core.task.TaskRegistry;
import dev.jobs.core.task.TaskSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * One delivery through the executor: bad input ends at once with a reason, and only what the
 * task itself throws counts as the task's failure.
 */
class JobExecutorTests {

	private static final Instant NOW = Instant.parse("2026-11-27T20:15:30Z");

	private static final String QUEUE = "reports";

	private final JobCodecs codecs = JobCodecs.create();

	private final TaskRegistry registry = new TaskRegistry(Map.of());

	private final ReportTasks tasks = new ReportTasks();

	private final InMemoryResultStore results = new InMemoryResultStore(new CopyOnWriteArrayList<>());

	private final RunningJobs running = new RunningJobs();

	private final JobExecutor executor = executor(List.of(new ExpiryGuard()));

	JobExecutorTests() {
		new BackgroundTaskScanner(this.registry, this.codecs.mapper(),
				new TaskSettings(QUEUE, Map.of(), Map.of(), new RetryPolicies(RetryPolicy.none("default"), Map.of())))
			.postProcessAfterInitialization(this.tasks, "reportTasks");
	}

	@Test
	void bodyThatIsNotAJobIsDeadLetteredAsMalformed() {
		byte[] body = "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8);

		Outcome outcome = this.executor.execute(new InboundJob(body, QUEUE, false, 0, 0)).outcome();

		assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejected.class, (dead) -> {
			assertThat(dead.reason()).isEqualTo(FailureReason.MALFORMED);
			assertThat(dead.envelope()).isNull();
			assertThat(dead.startedAt()).isNull();
			assertThat(dead.error()).isInstanceOf(MalformedJobException.class);
		});
		assertThat(this.results.started()).isEmpty();
	}

	@Test
	void taskThisWorkerDoesNotRunIsDeadLetteredAsUnknownTask() {
		JobEnvelope job = job("render-pdf", array("Q3", 12), null);

		Outcome outcome = this.executor.execute(deliver(job)).outcome();

		assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejected.class, (dead) -> {
			assertThat(dead.reason()).isEqualTo(FailureReason.UNKNOWN_TASK);
			assertThat(dead.envelope()).isEqualTo(job);
			assertThat(dead.error()).isInstanceOf(UnknownTaskException.class)
				.hasMessageContaining("'render-pdf'")
				.hasMessageContaining("'" + QUEUE + "'");
		});
		assertThat(this.results.started()).isEmpty();
	}

	@Test
	void argumentsThatDoNotFitAreDeadLetteredWithoutRunningTheTask() {
		JobEnvelope job = job("render", array("Q3", "twelve"), null);

		Outcome outcome = this.executor.execute(deliver(job)).outcome();

		assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejected.class, (dead) -> {
			assertThat(dead.reason()).isEqualTo(FailureReason.ARGUMENT_TYPE);
			assertThat(dead.startedAt()).isNull();
			assertThat(dead.error()).isInstanceOf(ArgumentMismatchException.class)
				.hasMessageContaining("'render'")
				.hasMessageContaining("argument 2");
		});
		assertThat(this.tasks.ran()).isEmpty();
		assertThat(this.results.started()).isEmpty();
	}

	@Test
	void linesLoggedByARunningJobCarryItsIdTaskAttemptAndQueueAndTheThreadGetsItsOwnBack() {
		JobEnvelope job = job("render", array("Q3", 12), null);
		MDC.put("requestId", "r-1");
		MDC.put(JobContext.MDC_TASK, "what the thread had");
		try {
			this.executor.execute(deliver(job));

			assertThat(this.tasks.logContext()).containsEntry(JobContext.MDC_JOB_ID, job.id())
				.containsEntry(JobContext.MDC_TASK, "render")
				.containsEntry(JobContext.MDC_ATTEMPT, "1")
				.containsEntry(JobContext.MDC_QUEUE, QUEUE)
				.containsEntry("requestId", "r-1");
			assertThat(MDC.get(JobContext.MDC_TASK)).isEqualTo("what the thread had");
			assertThat(MDC.get(JobContext.MDC_JOB_ID)).isNull();
			assertThat(MDC.get("requestId")).isEqualTo("r-1");
		}
		finally {
			MDC.clear();
		}
	}

	@Test
	void expiredJobIsNotRun() {
		JobEnvelope job = job("render", array("Q3", 12), NOW.minusMillis(1));

		Outcome outcome = this.executor.execute(deliver(job)).outcome();

		assertThat(outcome).isEqualTo(new Outcome.Expired(job));
		assertThat(this.tasks.ran()).isEmpty();
		assertThat(this.results.started()).isEmpty();
	}

	@Test
	void jobThatExpiresLaterRuns() {
		Outcome outcome = this.executor.execute(deliver(job("render", array("Q3", 12), NOW.plusSeconds(1)))).outcome();

		assertThat(outcome).isInstanceOf(Outcome.Succeeded.class);
		assertThat(this.tasks.ran()).containsExactly("render Q3");
	}

	@Test
	void taskThatThrowsUnderAPolicyOfOneAttemptIsDeadLetteredWithTheTasksOwnException() {
		JobEnvelope job = job("publish", array("Q3"), null);

		Outcome outcome = this.executor.execute(deliver(job)).outcome();

		assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, (dead) -> {
			assertThat(dead.reason()).isEqualTo(FailureReason.RETRIES_EXHAUSTED);
			assertThat(dead.envelope()).isEqualTo(job);
			assertThat(dead.startedAt()).isEqualTo(NOW);
			assertThat(dead.error()).isSameAs(this.tasks.thrown());
		});
		assertThat(this.tasks.ran()).containsExactly("publish Q3");
	}

	@Test
	void taskThatReturnsSucceedsWithItsValueAsJson() {
		JobEnvelope job = job("render", array("Q3", 12), null);

		Outcome outcome = this.executor.execute(deliver(job)).outcome();

		assertThat(outcome).isInstanceOfSatisfying(Outcome.Succeeded.class, (succeeded) -> {
			assertThat(succeeded.envelope()).isEqualTo(job);
			assertThat(succeeded.startedAt()).isEqualTo(NOW);
			assertThat(succeeded.value().asString()).isEqualTo("Q3 (12 pages)");
		});
		assertThat(this.results.started()).singleElement().satisfies((started) -> {
			assertThat(started.id()).isEqualTo(job.id());
			assertThat(started.status()).isEqualTo(JobStatus.STARTED);
			assertThat(started.startedAt()).isEqualTo(NOW);
		});
	}

	@Test
	void taskSeesItsJobContextWhileItRunsAndNotAfter() {
		JobEnvelope job = new JobEnvelope(JobIds.next(), "render", QUEUE, array("Q3", 12), 3, NOW.minusSeconds(60),
				null, 0, null, null, null);

		this.executor.execute(deliver(job));

		assertThat(this.tasks.context()).usingRecursiveComparison()
			.ignoringFields("services")
			.isEqualTo(new JobContext(job.id(), "render", QUEUE, 3, NOW.minusSeconds(60)));
		assertThat(JobContext.isActive()).isFalse();
	}

	/** Regression: a result that could not be written counted as a task failure and was retried, re-running the task. */
	@Test
	void resultThatCannotBeWrittenFailsTheJobWithoutARetry() {
		JobEnvelope job = job("snapshot", array("Q3"), null);

		Outcome outcome = this.executor.execute(deliver(job)).outcome();

		assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, (failed) -> {
			assertThat(failed.reason()).isEqualTo(FailureReason.RESULT_TYPE);
			assertThat(failed.error()).hasMessageContaining("Task 'snapshot' returned a")
				.hasMessageContaining("RESULT_TYPE");
		});
		assertThat(this.tasks.ran()).containsExactly("snapshot Q3");
	}

	@Test
	void jobInterruptedForShutdownThroughTheRegistryIsGivenBack() throws Exception {
		JobEnvelope job = job("wait", array(false), null);
		CompletableFuture<Outcome> outcome = CompletableFuture
			.supplyAsync(() -> this.executor.execute(deliver(job)).outcome());
		this.tasks.waiting().await();
		await().until(() -> this.running.find(job.id()).isPresent());

		assertThat(this.running.interrupt(job.id(), InterruptCause.SHUTDOWN)).isTrue();

		assertThat(outcome).succeedsWithin(Duration.ofSeconds(10)).isInstanceOf(Outcome.GivenBack.class);
		assertThat(this.running.list()).isEmpty();
	}

	/** Regression: every interrupt counted as shutdown, so a task's own InterruptedException requeued the job forever. */
	@Test
	void interruptThatTheEngineDidNotSendIsTheTasksFailure() {
		JobEnvelope job = job("wait", array(true), null);

		Outcome outcome = this.executor.execute(deliver(job)).outcome();

		assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class,
				(failed) -> assertThat(failed.error()).isInstanceOf(InterruptedException.class));
	}

	@Test
	void retryCopyKeepsTheExpirySoALateRetryExpiresInsteadOfRunning() {
		JobEnvelope job = job("render", array("Q3", 12), NOW.minusSeconds(1)).nextAttempt(NOW.minusSeconds(2),
				NOW.minusSeconds(30));

		Outcome outcome = this.executor.execute(deliver(job)).outcome();

		assertThat(outcome).isInstanceOf(Outcome.Expired.class);
		assertThat(this.tasks.ran()).isEmpty();
	}

	@Test
	void guardsRunInOrderAndTheFirstStopEndsTheDeliveryWithoutTheTask() {
		List<String> trail = new CopyOnWriteArrayList<>();
		JobExecutor guarded = executor(List.of(recording("lock", trail, null), recording("limit", trail, "stop"),
				recording("never", trail, null)));
		JobEnvelope job = job("render", array("Q3", 12), null);

		Execution execution = guarded.execute(deliver(job));
		execution.afterRun().afterSettled(execution.outcome()).join();

		assertThat(execution.outcome()).isInstanceOf(Outcome.Expired.class);
		assertThat(trail).containsExactly("admit lock", "admit limit", "after lock");
		assertThat(this.tasks.ran()).isEmpty();
	}

	@Test
	void afterRunStepsRunLastGuardFirstOnceTheTaskEnded() {
		List<String> trail = new CopyOnWriteArrayList<>();
		JobExecutor guarded = executor(List.of(recording("lock", trail, null), recording("idempotency", trail, null)));

		Execution execution = guarded.execute(deliver(job("render", array("Q3", 12), null)));
		execution.afterRun().afterSettled(execution.outcome()).join();

		assertThat(execution.outcome()).isInstanceOf(Outcome.Succeeded.class);
		assertThat(trail).containsExactly("admit lock", "admit idempotency", "after idempotency", "after lock");
	}

	@Test
	void guardThatCannotDecideLeavesTheJobUnrunAndUndoesTheGuardsBeforeIt() {
		List<String> trail = new CopyOnWriteArrayList<>();
		JobExecutor guarded = executor(List.of(recording("lock", trail, null), recording("limit", trail, "throw")));

		assertThatExceptionOfType(GuardUnavailableException.class)
			.isThrownBy(() -> guarded.execute(deliver(job("render", array("Q3", 12), null))))
			.withMessageContaining("could not decide whether job")
			.withRootCauseInstanceOf(IllegalStateException.class);
		assertThat(trail).containsExactly("admit lock", "admit limit", "after lock");
		assertThat(this.tasks.ran()).isEmpty();
	}

	private JobExecutor executor(List<JobGuard> guards) {
		return new JobExecutor(this.codecs.envelopes(), this.registry, new TaskInvoker(), this.results, guards,
				this.running, Clock.fixed(NOW, ZoneOffset.UTC));
	}

	/** A guard that records its calls and proceeds with an after-run step, stops, or throws. */
	private static JobGuard recording(String name, List<String> trail, String action) {
		return (job) -> {
			trail.add("admit " + name);
			if ("stop".equals(action)) {
				return Admission.stop(new Outcome.Expired(job.envelope()));
			}
			if ("throw".equals(action)) {
				throw new IllegalStateException("rate-limit store unreachable");
			}
			return Admission.proceed((outcome) -> {
				trail.add("after " + name);
				return CompletableFuture.completedFuture(null);
			});
		};
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

}
