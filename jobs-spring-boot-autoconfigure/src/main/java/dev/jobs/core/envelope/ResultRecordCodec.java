package dev.jobs.core.envelope;

import java.io.ByteArrayOutputStream;
import java.time.Instant;

import dev.jobs.JobError;
import dev.jobs.JobStatus;
import dev.jobs.core.port.ResultRecord;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes and reads result records: the JSON document kept in Redis under
 * {@code <prefix>result:<id>}, described in {@code docs/protocol.md}.
 */
public final class ResultRecordCodec {

	private final JsonMapper mapper;

	public ResultRecordCodec(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * Encodes a record.
	 * @param record the record
	 * @return its JSON text, in UTF-8
	 */
	public byte[] encode(ResultRecord record) {
		ByteArrayOutputStream text = new ByteArrayOutputStream(256);
		// Written straight to a UTF-8 generator: building a tree first, then serializing it, was a
		// tenth of the worker's CPU, and a String that Redis's client encodes again another tenth
		// (JFR, benchmarks module).
		try (JsonGenerator json = this.mapper.createGenerator(text)) {
			json.writeStartObject();
			json.writeNumberProperty("v", 1);
			json.writeStringProperty("id", record.id());
			json.writeStringProperty("task", record.task());
			json.writeStringProperty("queue", record.queue());
			json.writeStringProperty("status", record.status().name());
			json.writeNumberProperty("attempts", record.attempts());
			IsoInstants.writeProperty(json, "enqueuedAt", record.enqueuedAt());
			IsoInstants.writeProperty(json, "startedAt", record.startedAt());
			IsoInstants.writeProperty(json, "finishedAt", record.finishedAt());
			IsoInstants.writeProperty(json, "nextAttemptAt", record.nextAttemptAt());
			if (record.result() != null) {
				json.writeName("result");
				json.writeTree(record.result());
			}
			if (record.error() != null) {
				json.writeObjectPropertyStart("error");
				json.writeStringProperty("type", record.error().type());
				json.writeStringProperty("message", record.error().message());
				json.writeEndObject();
			}
			json.writeEndObject();
		}
		return text.toByteArray();
	}

	/**
	 * Decodes a record.
	 * @param json the JSON text
	 * @return the record
	 */
	public ResultRecord decode(String json) {
		JsonNode node = this.mapper.readTree(json);
		JsonNode error = node.path("error");
		JsonNode result = node.get("result");
		return new ResultRecord(node.path("id").asString(), node.path("task").asString(null),
				node.path("queue").asString(null), JobStatus.valueOf(node.path("status").asString()),
				node.path("attempts").asInt(), instant(node, "enqueuedAt"), instant(node, "startedAt"),
				instant(node, "finishedAt"), (result == null || result.isNull()) ? null : result,
				error.isObject() ? new JobError(error.path("type").asString(), error.path("message").asString(""))
						: null,
				instant(node, "nextAttemptAt"));
	}

	private static Instant instant(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull()) ? null : IsoInstants.parse(value.asString());
	}

}
