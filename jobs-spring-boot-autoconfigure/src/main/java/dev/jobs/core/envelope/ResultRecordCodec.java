package dev.jobs.core.envelope;

import java.time.Instant;

import dev.jobs.JobError;
import dev.jobs.JobStatus;
import dev.jobs.core.port.ResultRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

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
	 * @return its JSON text
	 */
	public String encode(ResultRecord record) {
		ObjectNode node = this.mapper.createObjectNode();
		node.put("v", 1);
		node.put("id", record.id());
		node.put("task", record.task());
		node.put("queue", record.queue());
		node.put("status", record.status().name());
		node.put("attempts", record.attempts());
		putInstant(node, "enqueuedAt", record.enqueuedAt());
		putInstant(node, "startedAt", record.startedAt());
		putInstant(node, "finishedAt", record.finishedAt());
		putInstant(node, "nextAttemptAt", record.nextAttemptAt());
		if (record.result() != null) {
			node.set("result", record.result());
		}
		if (record.error() != null) {
			ObjectNode error = node.putObject("error");
			error.put("type", record.error().type());
			error.put("message", record.error().message());
		}
		return this.mapper.writeValueAsString(node);
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

	private static void putInstant(ObjectNode node, String field, Instant value) {
		if (value != null) {
			node.put(field, IsoInstants.format(value));
		}
	}

	private static Instant instant(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull()) ? null : IsoInstants.parse(value.asString());
	}

}
