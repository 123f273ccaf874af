package dev.jobs.core.crash;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import dev.jobs.FailureReason;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.execution.Admission;
import dev.jobs.core.execution.GuardedJob;
import dev.jobs.core.execution.Outcome;
import dev.jobs.core.port.CrashCounter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The guard asks the counter only for redelivered jobs, dead-letters at the limit, and removes
 * its run's mark once the delivery is settled, whatever its outcome. The counter is a fake of the
 * port that keeps the script's rule; the script itself is tested against Redis
 * ({@code RedisCrashCounterIntegrationTests}).
 */
class CrashGuardTests {

	private final FakeCounter counter = new FakeCounter();

	private final CrashGuard guard = new CrashGuard(this.counter, 2, Duration.ofDays(1));

	private final JobEnvelope envelope = JobEnvelope.first("job-1", "poison", "default",
			JsonNodeFactory.instance.arrayNode(), Instant.parse("2026-12-02T10:00:00Z"));

	/** Dying while a job waits at the gate must not count against it. */
	@Test
	void jobWaitingBehindASuspectIsNotMarkedUntilItPassesTheGate() {
		this.counter.started(this.envelope.id(), "lost-run", 2, Duration.ofDays(1));
		Admission suspect = this.guard.admit(job(true));
		JobEnvelope other = JobEnvelope.first("job-2", "effect", "default", JsonNodeFactory.instance.arrayNode(),
				Instant.parse("2026-12-02T10:00:00Z"));

		CompletableFuture<Admission> waiting = CompletableFuture
			.supplyAsync(() -> this.guard.admit(new GuardedJob(other, null, List.of(), "default", true, false, Instant.now())));
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !waiting.isDone());
		assertThat(this.counter.calls).doesNotContain("started job-2");
		settle(suspect);
		assertThat(waiting).succeedsWithin(Duration.ofSeconds(5));
		assertThat(this.counter.calls).contains("started job-2");
	}

	@Test
	void firstDeliveryCostsNoCall() {
		assertThat(this.guard.admit(job(false))).isInstanceOf(Admission.Proceed.class);
		assertThat(this.counter.calls).isEmpty();
	}

	/** A job that ran beside a poison job when it struck must not be blamed for the next death. */
	@Test
	void suspectWaitsForTheJobsRunningBesideItAndNoneStartsBesideIt() {
		Admission running = this.guard.admit(job(false));
		// The suspect's earlier run never settled.
		this.counter.started(this.envelope.id(), "lost-run", 2, Duration.ofDays(1));

		CompletableFuture<Admission> suspect = CompletableFuture.supplyAsync(() -> this.guard.admit(job(true)));
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !suspect.isDone());
		settle(running);

		assertThat(suspect).succeedsWithin(Duration.ofSeconds(5)).isInstanceOf(Admission.Proceed.class);
		CompletableFuture<Admission> beside = CompletableFuture.supplyAsync(() -> this.guard.admit(job(false)));
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !beside.isDone());
		settle(suspect.join());
		assertThat(beside).succeedsWithin(Duration.ofSeconds(5)).isInstanceOf(Admission.Proceed.class);
	}

	private void settle(Admission admission) {
		((Admission.Proceed) admission).afterRun().afterSettled(new Outcome.GivenBack(this.envelope, null)).join();
	}

	@Test
	void redeliveredJobAtTheLimitFailsWithoutRunningAsCrashLimit() {
		// Two redelivered runs that never settled; the worker that ran them is gone with its gate.
		CrashGuard first = new CrashGuard(this.counter, 2, Duration.ofDays(1));
		first.admit(job(true));
		new CrashGuard(this.counter, 2, Duration.ofDays(1)).admit(job(true));

		Admission third = this.guard.admit(job(true));

		assertThat(third).isInstanceOfSatisfying(Admission.Stop.class, (stop) -> assertThat(stop.outcome())
			.isInstanceOfSatisfying(Outcome.Failed.class, (failed) -> {
				assertThat(failed.reason()).isEqualTo(FailureReason.CRASH_LIMIT);
				assertThat(failed.error()).hasMessageContaining("cut short 2 times in a row")
					.hasMessageContaining("jobs.worker.crash-limit 2");
			}));
	}

	@Test
	void settledRunForgivesTheJobWhateverTheOutcome() {
		settle(this.guard.admit(job(true)));
		this.guard.admit(job(true));
		assertThat(this.counter.crashes.get(this.envelope.id())).isNull();
	}

	/** The broker's count says the job came back often; its own crashes say it was not the cause. */
	@Test
	void lastDeliveryBelowTheCrashLimitIsPublishedAgainInsteadOfRun() {
		this.counter.started(this.envelope.id(), "lost-run", 2, Duration.ofDays(1));
		this.counter.calls.clear();

		Admission last = this.guard.admit(lastDelivery());

		assertThat(last).isInstanceOfSatisfying(Admission.Stop.class, (stop) -> assertThat(stop.outcome())
			.isInstanceOfSatisfying(Outcome.Deferred.class, (deferred) -> {
				assertThat(deferred.delay()).isZero();
				assertThat(deferred.because()).isEqualTo(CrashGuard.DELIVERY_COUNT_RESET);
			}));
		assertThat(this.counter.calls).doesNotContain("started job-1");
	}

	@Test
	void lastDeliveryAtTheCrashLimitFailsAsCrashLimit() {
		this.counter.started(this.envelope.id(), "lost-run-1", 2, Duration.ofDays(1));
		this.counter.started(this.envelope.id(), "lost-run-2", 2, Duration.ofDays(1));

		assertThat(this.guard.admit(lastDelivery())).isInstanceOfSatisfying(Admission.Stop.class,
				(stop) -> assertThat(stop.outcome()).isInstanceOfSatisfying(Outcome.Failed.class,
						(failed) -> assertThat(failed.reason()).isEqualTo(FailureReason.CRASH_LIMIT)));
	}

	@Test
	void guardDecidesLastDeliveriesOnlyWhileItIsOn() {
		assertThat(this.guard.decidesLastDelivery()).isTrue();
		assertThat(new CrashGuard(this.counter, 0, Duration.ofDays(1)).decidesLastDelivery()).isFalse();
	}

	@Test
	void limitOfZeroTurnsTheGuardOff() {
		CrashGuard off = new CrashGuard(this.counter, 0, Duration.ofDays(1));

		assertThat(off.admit(job(true))).isInstanceOf(Admission.Proceed.class);
		assertThat(this.counter.calls).isEmpty();
	}

	private GuardedJob lastDelivery() {
		return new GuardedJob(this.envelope, null, List.of(), "default", true, true, Instant.now());
	}

	private GuardedJob job(boolean redelivered) {
		return new GuardedJob(this.envelope, null, List.of(), "default", redelivered, false, Instant.now());
	}

	/** Keeps the rule of {@code crash_started.lua} and {@code crash_settled.lua} in memory. */
	private static final class FakeCounter implements CrashCounter {

		private final Map<String, String> running = new HashMap<>();

		private final Map<String, Integer> crashes = new HashMap<>();

		private final List<String> calls = new ArrayList<>();

		@Override
		public int crashes(String jobId) {
			return this.crashes.getOrDefault(jobId, 0) + (this.running.containsKey(jobId) ? 1 : 0);
		}

		@Override
		public int started(String jobId, String owner, int limit, Duration keep) {
			this.calls.add("started " + jobId);
			int count = this.crashes.getOrDefault(jobId, 0);
			if (this.running.remove(jobId) != null) {
				count++;
				this.crashes.put(jobId, count);
			}
			if (count < limit) {
				this.running.put(jobId, owner);
			}
			return count;
		}

		@Override
		public void settled(String jobId, String owner) {
			this.calls.add("settled " + jobId);
			if (this.running.remove(jobId, owner)) {
				this.crashes.remove(jobId);
			}
		}

	}

}
