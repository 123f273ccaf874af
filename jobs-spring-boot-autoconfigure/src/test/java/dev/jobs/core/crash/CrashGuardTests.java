package dev.jobs.core.crash;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import dev.jobs.FailureReason;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.execution.Admission;
import dev.jobs.core.execution.GuardedJob;
import dev.jobs.core.execution.Outcome;
import dev.jobs.core.port.CrashCounter;

import static org.assertj.core.api.Assertions.assertThat;

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

	@Test
	void firstDeliveryCostsNoCall() {
		assertThat(this.guard.admit(job(false))).isInstanceOf(Admission.Proceed.class);
		assertThat(this.counter.calls).isEmpty();
	}

	@Test
	void redeliveredJobAtTheLimitFailsWithoutRunningAsCrashLimit() {
		// Two redelivered runs that never settled.
		this.guard.admit(job(true));
		this.guard.admit(job(true));

		Admission third = this.guard.admit(job(true));

		assertThat(third).isInstanceOfSatisfying(Admission.Stop.class, (stop) -> assertThat(stop.outcome())
			.isInstanceOfSatisfying(Outcome.Failed.class, (failed) -> {
				assertThat(failed.reason()).isEqualTo(FailureReason.CRASH_LIMIT);
				assertThat(failed.error()).hasMessageContaining("cut short 2 times")
					.hasMessageContaining("jobs.worker.crash-limit 2");
			}));
	}

	@Test
	void settledRunRemovesItsMarkWhateverTheOutcome() {
		Admission first = this.guard.admit(job(true));
		((Admission.Proceed) first).afterRun().afterSettled(new Outcome.GivenBack(this.envelope, null)).join();

		assertThat(this.guard.admit(job(true))).isInstanceOf(Admission.Proceed.class);
		assertThat(this.counter.crashes.getOrDefault(this.envelope.id(), 0)).isZero();
	}

	@Test
	void limitOfZeroTurnsTheGuardOff() {
		CrashGuard off = new CrashGuard(this.counter, 0, Duration.ofDays(1));

		assertThat(off.admit(job(true))).isInstanceOf(Admission.Proceed.class);
		assertThat(this.counter.calls).isEmpty();
	}

	private GuardedJob job(boolean redelivered) {
		return new GuardedJob(this.envelope, null, List.of(), "default", redelivered, Instant.now());
	}

	/** Keeps the rule of {@code crash_started.lua} and {@code crash_settled.lua} in memory. */
	private static final class FakeCounter implements CrashCounter {

		private final Map<String, String> running = new HashMap<>();

		private final Map<String, Integer> crashes = new HashMap<>();

		private final List<String> calls = new ArrayList<>();

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
			this.running.remove(jobId, owner);
		}

	}

}
