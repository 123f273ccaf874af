package dev.jobs.core.port;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.jobs.JobError;
import dev.jobs.JobStatus;
import dev.jobs.core.envelope.JobEnvelope;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A record takes what its envelope says, and each wither changes its one field only.
 */
class ResultRecordTests {

	private final Instant enqueued = Instant.parse("2026-11-27T23:20:00Z");

	private final JobEnvelope replayedRetry = new JobEnvelope("01a6", "Hooks.send", "critical",
			JsonNodeFactory.instance.arrayNode(), 3, this.enqueued, null, 1, this.enqueued.plusSeconds(40), null, null);

	@Test
	void recordOfAnEnvelopeTakesItsRunAttemptAndTimes() {
		ResultRecord record = ResultRecord.of(this.replayedRetry, "critical", JobStatus.STARTED);

		assertThat(record).isEqualTo(new ResultRecord("01a6", "Hooks.send", "critical", JobStatus.STARTED, 2, 3,
				this.enqueued, this.enqueued.plusSeconds(40), null, null, null, null, null, null, null, null, null));
	}

	@Test
	void withersSetTheirFieldAndKeepTheOthers() {
		Instant at = this.enqueued.plusSeconds(41);
		JobError error = new JobError("java.io.IOException", "reset");

		ResultRecord record = ResultRecord.of(this.replayedRetry, "critical", JobStatus.FAILURE)
			.attempts(2)
			.startedAt(at)
			.finishedAt(at.plusSeconds(1))
			.result(IntNode.valueOf(7))
			.error(error)
			.nextAttemptAt(at.plusSeconds(2));

		assertThat(record).isEqualTo(new ResultRecord("01a6", "Hooks.send", "critical", JobStatus.FAILURE, 2, 2,
				this.enqueued, this.enqueued.plusSeconds(40), at, at.plusSeconds(1), IntNode.valueOf(7), error,
				at.plusSeconds(2), null, null, null, null));
	}

}
