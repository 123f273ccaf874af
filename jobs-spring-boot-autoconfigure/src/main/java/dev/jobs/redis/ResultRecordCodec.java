package dev.jobs.redis;

import java.io.ByteArrayOutputStream;
import java.time.Instant;

import dev.jobs.JobError;
import dev.jobs.JobStatus;
import dev.jobs.core.envelope.IsoInstants;
import dev.jobs.core.envelope.Membership;
import dev.jobs.core.port.ResultRecord;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes and reads result records: the JSON document kept in Redis under
 * {@code <prefix>result:<id>}, described in {@code docs/protocol.md}. A record opens with
 * {@code {"v":1,"run":<run>,"status":"<status>",}, always in that order, so that
 * {@code record_results.lua} reads the two fields it compares from the first bytes of the stored
 * record instead of decoding all of it.
 */
final class ResultRecordCodec {

	private final JsonMapper mapper;

	ResultRecordCodec(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * Encodes a record.
	 * @param record the record
	 * @return its JSON text, in UTF-8
	 */
	byte[] encode(ResultRecord record) {
		ByteArrayOutputStream text = new ByteArrayOutputStream(256);
		// Written straight to a UTF-8 generator: building a tree first, then serializing it, was a
		// tenth of the worker's CPU, and a String that Redis's client encodes again another tenth
		// (JFR, benchmarks module).
		try (JsonGenerator json = this.mapper.createGenerator(text)) {
			json.writeStartObject();
			json.writeNumberProperty("v", 1);
			json.writeNumberProperty("run", record.run());
			json.writeStringProperty("status", record.status().name());
			json.writeStringProperty("id", record.id());
			json.writeStringProperty("task", record.task());
			json.writeStringProperty("queue", record.queue());
			json.writeNumberProperty("attempts", record.attempts());
			IsoInstants.writeProperty(json, "enqueuedAt", record.enqueuedAt());
			IsoInstants.writeProperty(json, "dueAt", record.dueAt());
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
			if (record.reason() != null) {
				json.writeStringProperty("reason", record.reason());
			}
			if (record.deduplicatedFrom() != null) {
				json.writeStringProperty("deduplicatedFrom", record.deduplicatedFrom());
			}
			Membership membership = record.membership();
			if (membership.workflow() != null) {
				json.writeStringProperty("workflow", membership.workflow());
				json.writeNumberProperty("step", membership.step());
			}
			if (membership.batch() != null) {
				json.writeStringProperty("batch", membership.batch());
			}
			if (record.traceId() != null) {
				json.writeStringProperty("traceId", record.traceId());
			}
			json.writeEndObject();
		}
		return text.toByteArray();
	}

	/**
	 * Decodes a record. A record without {@code run}, as written before runs were counted, is of
	 * run 1.
	 * @param json the JSON text
	 * @return the record
	 */
	ResultRecord decode(String json) {
		JsonNode node = this.mapper.readTree(json);
		JsonNode error = node.path("error");
		JsonNode result = node.get("result");
		return new ResultRecord(node.path("id").asString(), node.path("task").asString(null),
				node.path("queue").asString(null), JobStatus.valueOf(node.path("status").asString()),
				node.path("run").asInt(1), node.path("attempts").asInt(), instant(node, "enqueuedAt"),
				instant(node, "dueAt"), instant(node, "startedAt"), instant(node, "finishedAt"),
				(result == null || result.isNull()) ? null : result,
				error.isObject() ? new JobError(error.path("type").asString(), error.path("message").asString(""))
						: null,
				instant(node, "nextAttemptAt"), node.path("reason").asString(null),
				node.path("deduplicatedFrom").asString(null),
				new Membership(node.path("workflow").asString(null), Math.max(0, node.path("step").asInt()),
						node.path("batch").asString(null)),
				node.path("traceId").asString(null));
	}

	private static Instant instant(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull()) ? null : IsoInstants.parse(value.asString());
	}

}
