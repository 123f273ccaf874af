package dev.jobs.actuate.metrics;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.envelope.JobIds;
import dev.jobs.core.envelope.JobsJsonMapper;
import dev.jobs.core.port.EnqueuedJob;
import dev.jobs.core.port.OutcomeKind;
import dev.jobs.core.port.SettledDelivery;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint's totals count each kind of outcome under its own name.
 */
class JobCountersTests {

	private final JobEnvelope job = JobEnvelope.first(JobIds.next(), "send-webhook", "critical",
			JobsJsonMapper.create().createArrayNode(), Instant.EPOCH);

	private final JobCounters counters = new JobCounters();

	@Test
	void countsEnqueuesAndEachKindOfOutcome() {
		this.counters.enqueued(EnqueuedJob.of(this.job));
		this.counters.enqueued(EnqueuedJob.of(this.job));
		for (OutcomeKind kind : OutcomeKind.values()) {
			settle(kind);
		}
		settle(OutcomeKind.SUCCEEDED);

		assertThat(this.counters.totals()).isEqualTo(new JobCounters.Totals(2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1));
	}

	/** Regression: a job interrupted by shutdown and given back was counted as dead. */
	@Test
	void jobGivenBackIsNotCountedAsDead() {
		settle(OutcomeKind.GIVEN_BACK);

		assertThat(this.counters.totals().givenBack()).isOne();
		assertThat(this.counters.totals().dead()).isZero();
	}

	@ParameterizedTest
	@EnumSource(OutcomeKind.class)
	void everyKindIsCountedExactlyOnce(OutcomeKind kind) {
		settle(kind);

		JobCounters.Totals totals = this.counters.totals();
		assertThat(totals.succeeded() + totals.retried() + totals.failed() + totals.dead() + totals.expired()
				+ totals.deferred() + totals.skipped() + totals.deduplicated() + totals.givenBack() + totals.cancelled())
			.isOne();
	}

	private void settle(OutcomeKind kind) {
		this.counters.settled(new SettledDelivery("critical", this.job.id(), "send-webhook", kind, null, Duration.ZERO));
	}

}
