package dev.jobs.actuate.metrics;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.envelope.JobsJsonMapper;
import dev.jobs.core.execution.Outcome;
import dev.jobs.FailureReason;

import static org.assertj.core.api.Assertions.assertThat;

class JobCountersTests {

	private final JobEnvelope job = JobEnvelope.first("id-1", "send-webhook", "critical",
			JobsJsonMapper.create().createArrayNode(), Instant.EPOCH, null, null);

	private final JobCounters counters = new JobCounters();

	@Test
	void countsEnqueuesAndEachKindOfOutcome() {
		this.counters.enqueued(this.job);
		this.counters.enqueued(this.job);
		settle(new Outcome.Succeeded(this.job, Instant.EPOCH, null));
		settle(new Outcome.Expired(this.job));
		settle(new Outcome.DeadLettered(new byte[0], this.job, Instant.EPOCH, FailureReason.NOT_RETRYABLE,
				new IllegalStateException()));
		settle(new Outcome.DeadLettered(new byte[0], null, null, FailureReason.MALFORMED,
				new IllegalStateException()));

		assertThat(this.counters.totals()).isEqualTo(new JobCounters.Totals(2, 1, 0, 1, 1, 1));
	}

	private void settle(Outcome outcome) {
		this.counters.settled("critical", "send-webhook", outcome, Duration.ZERO);
	}

}
