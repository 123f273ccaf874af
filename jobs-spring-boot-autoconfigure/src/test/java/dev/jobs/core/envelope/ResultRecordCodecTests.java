package dev.jobs.core.envelope;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.jobs.JobError;
import dev.jobs.JobStatus;
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
		ObjectNode receipt = this.mapper.createObjectNode().put("amount", new BigDecimal("12.50")).put("note", "a \"quoted\" é");
		ResultRecord record = new ResultRecord("01a2", "Payments.charge", "critical", JobStatus.SUCCESS, 2, this.enqueued,
				this.enqueued.plusMillis(5), this.enqueued.plusSeconds(1), receipt, null, null);

		String json = new String(this.codec.encode(record), StandardCharsets.UTF_8);

		assertThat(json).isEqualTo("{\"v\":1,\"id\":\"01a2\",\"task\":\"Payments.charge\",\"queue\":\"critical\","
				+ "\"status\":\"SUCCESS\",\"attempts\":2,\"enqueuedAt\":\"2026-11-27T23:20:00.123456Z\","
				+ "\"startedAt\":\"2026-11-27T23:20:00.128456Z\",\"finishedAt\":\"2026-11-27T23:20:01.123456Z\","
				+ "\"result\":{\"amount\":12.50,\"note\":\"a \\\"quoted\\\" é\"}}");
		assertThat(this.codec.decode(json)).isEqualTo(record);
	}

	@Test
	void retryingRecordWithAnErrorAndNoResultIsReadBack() {
		ResultRecord record = new ResultRecord("01a3", "Hooks.send", "default", JobStatus.RETRYING, 1, this.enqueued,
				this.enqueued, null, null, new JobError("java.io.IOException", "connection\nreset"),
				this.enqueued.plusSeconds(30));

		String json = new String(this.codec.encode(record), StandardCharsets.UTF_8);

		assertThat(json).doesNotContain("\"result\"").doesNotContain("finishedAt")
			.contains("\"error\":{\"type\":\"java.io.IOException\",\"message\":\"connection\\nreset\"}")
			.contains("\"nextAttemptAt\":\"2026-11-27T23:20:30.123456Z\"");
		assertThat(this.codec.decode(json)).isEqualTo(record);
	}

}
