package dev.jobs.redis;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.jobs.JobError;
import dev.jobs.JobStatus;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.envelope.JobKeys;
import dev.jobs.core.envelope.Membership;
import dev.jobs.core.envelope.TraceContext;
import dev.jobs.core.envelope.JobsJsonMapper;
import dev.jobs.core.port.ResultRecord;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Result records as {@code docs/protocol.md} describes them, read back unchanged.
 */
class ResultRecordCodecTests {

	private final JsonMapper mapper = JobsJsonMapper.create();

	private final ResultRecordCodec codec = new ResultRecordCodec(this.mapper);

	private final Instant enqueued = Instant.parse("2026-11-27T23:20:00.123456Z");

	@Test
	void successRecordIsWrittenInTheDocumentedFormAndReadBack() {
		ObjectNode receipt = this.mapper.createObjectNode()
			.put("amount", new BigDecimal("12.50"))
			.put("note", "a \"quoted\" é");
		ResultRecord record = ResultRecord.of(job("01a2", "Payments.charge", 2, 0), "critical", JobStatus.SUCCESS)
			.startedAt(this.enqueued.plusMillis(5))
			.finishedAt(this.enqueued.plusSeconds(1))
			.result(receipt);

		String json = new String(this.codec.encode(record), StandardCharsets.UTF_8);

		assertThat(json).isEqualTo("{\"v\":1,\"run\":1,\"status\":\"SUCCESS\",\"id\":\"01a2\",\"task\":\"Payments.charge\","
				+ "\"queue\":\"critical\",\"attempts\":2,\"enqueuedAt\":\"2026-11-27T23:20:00.123456Z\","
				+ "\"startedAt\":\"2026-11-27T23:20:00.128456Z\",\"finishedAt\":\"2026-11-27T23:20:01.123456Z\","
				+ "\"result\":{\"amount\":12.50,\"note\":\"a \\\"quoted\\\" é\"}}");
		assertThat(this.codec.decode(json)).isEqualTo(record);
	}

	@Test
	void retryingRecordWithAnErrorAndNoResultIsReadBack() {
		ResultRecord record = ResultRecord.of(job("01a3", "Hooks.send", 1, 0), "default", JobStatus.RETRYING)
			.startedAt(this.enqueued)
			.error(new JobError("java.io.IOException", "connection\nreset"))
			.nextAttemptAt(this.enqueued.plusSeconds(30));

		String json = new String(this.codec.encode(record), StandardCharsets.UTF_8);

		assertThat(json).doesNotContain("\"result\"")
			.doesNotContain("finishedAt")
			.contains("\"error\":{\"type\":\"java.io.IOException\",\"message\":\"connection\\nreset\"}")
			.contains("\"nextAttemptAt\":\"2026-11-27T23:20:30.123456Z\"");
		assertThat(this.codec.decode(json)).isEqualTo(record);
	}

	@Test
	void pendingRecordOfAReplayedDelayedJobCarriesItsRunAndDueTime() {
		JobEnvelope delayed = new JobEnvelope("01a4", "Reports.daily", "reports",
				this.mapper.createArrayNode(), 1, this.enqueued, null, 2, this.enqueued.plusSeconds(60), null, null);
		ResultRecord record = ResultRecord.of(delayed, "reports", JobStatus.PENDING).attempts(0);

		String json = new String(this.codec.encode(record), StandardCharsets.UTF_8);

		assertThat(json).startsWith("{\"v\":1,\"run\":3,\"status\":\"PENDING\",")
			.contains("\"attempts\":0")
			.contains("\"dueAt\":\"2026-11-27T23:21:00.123456Z\"");
		assertThat(this.codec.decode(json)).isEqualTo(record);
	}

	@Test
	void recordOfAWorkflowStepInABatchNamesThemAndItsTrace() {
		JobKeys keys = JobKeys.NONE.membership(Membership.step("wf-1", 2).inBatch("b-1"));
		TraceContext trace = TraceContext
			.of(Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
		JobEnvelope step = new JobEnvelope("01a6", "Orders.pick", "default", this.mapper.createArrayNode(), 1,
				this.enqueued, null, 0, null, null, keys, trace);
		ResultRecord record = ResultRecord.of(step, "default", JobStatus.PENDING).attempts(0);

		String json = new String(this.codec.encode(record), StandardCharsets.UTF_8);

		assertThat(json).endsWith(",\"workflow\":\"wf-1\",\"step\":2,\"batch\":\"b-1\","
				+ "\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\"}");
		assertThat(this.codec.decode(json)).isEqualTo(record);
	}

	@Test
	void recordOfAJobOnItsOwnNamesNoWorkflowBatchOrTrace() {
		ResultRecord record = ResultRecord.of(job("01a7", "t", 1, 0), "q", JobStatus.PENDING);

		String json = new String(this.codec.encode(record), StandardCharsets.UTF_8);

		assertThat(json).doesNotContain("workflow").doesNotContain("batch").doesNotContain("traceId");
		assertThat(this.codec.decode(json).membership()).isEqualTo(Membership.NONE);
	}

	@Test
	void recordWrittenBeforeRunsWereCountedIsOfRunOne() {
		String json = "{\"v\":1,\"id\":\"01a5\",\"task\":\"t\",\"queue\":\"q\",\"status\":\"FAILURE\",\"attempts\":1,"
				+ "\"enqueuedAt\":\"2026-11-27T23:20:00.123456Z\",\"finishedAt\":\"2026-11-27T23:20:01Z\"}";

		ResultRecord record = this.codec.decode(json);

		assertThat(record.run()).isEqualTo(1);
		assertThat(record.status()).isEqualTo(JobStatus.FAILURE);
	}

	private JobEnvelope job(String id, String task, int attempt, int replays) {
		return new JobEnvelope(id, task, "ignored", this.mapper.createArrayNode(), attempt, this.enqueued, null,
				replays, null, null, null);
	}

}
