package dev.jobs.actuate.metrics;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.envelope.JobsJsonMapper;
import dev.jobs.core.execution.Outcome;
import dev.jobs.FailureReason;

import static org.assertj.core.api.Assertions.assertThat;

class OutcomeTagsTests {

	private final JobEnvelope job = JobEnvelope.first("id-1", "send-webhook", "critical",
			JobsJsonMapper.create().createArrayNode(), Instant.EPOCH, null, null);

	@Test
	void successAndExpiryKeepTheirOwnTags() {
		assertThat(OutcomeTags.of(new Outcome.Succeeded(this.job, Instant.EPOCH, null))).isEqualTo("success");
		assertThat(OutcomeTags.of(new Outcome.Expired(this.job))).isEqualTo("expired");
	}

	@Test
	void taskThatFailedForGoodIsAFailure() {
		assertThat(OutcomeTags.of(dead(FailureReason.NOT_RETRYABLE))).isEqualTo("failure");
	}

	@Test
	void jobThatCouldNotRunIsDead() {
		assertThat(OutcomeTags.of(dead(FailureReason.MALFORMED))).isEqualTo("dead");
		assertThat(OutcomeTags.of(dead(FailureReason.UNKNOWN_TASK))).isEqualTo("dead");
		assertThat(OutcomeTags.of(dead(FailureReason.ARGUMENT_TYPE))).isEqualTo("dead");
		assertThat(OutcomeTags.of(dead(FailureReason.DELIVERY_LIMIT))).isEqualTo("dead");
	}

	private Outcome.DeadLettered dead(FailureReason reason) {
		return new Outcome.DeadLettered(new byte[0], this.job, null, reason, new IllegalStateException("boom"));
	}

}
