package dev.jobs.core.envelope;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import dev.jobs.core.execution.FailureText;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * Writes and reads job message bodies: the JSON object of {@code docs/protocol.md}.
 *
 * <p>Reading is strict about what the engine relies on (id, task, queue, args, attempt,
 * enqueuedAt) and lenient about the rest, so that a newer producer can add optional fields
 * without breaking an older worker. It never instantiates a class named by the message.
 */
public final class EnvelopeCodec {

	/** Longest id, task or queue name, so each fits an AMQP short string and a header. */
	public static final int MAX_NAME_LENGTH = 255;

	private final JsonMapper mapper;

	public EnvelopeCodec(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * Encodes an envelope as a message body.
	 * @param envelope the envelope
	 * @return UTF-8 JSON bytes
	 */
	public byte[] encode(JobEnvelope envelope) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
		// Straight to a generator, without building a tree first (as for result records).
		try (JsonGenerator json = this.mapper.createGenerator(bytes)) {
			json.writeStartObject();
			json.writeNumberProperty("v", JobEnvelope.PROTOCOL_VERSION);
			json.writeStringProperty("id", envelope.id());
			json.writeStringProperty("task", envelope.task());
			json.writeStringProperty("queue", envelope.queue());
			json.writeName("args");
			json.writeTree(envelope.args());
			json.writeNumberProperty("attempt", envelope.attempt());
			IsoInstants.writeProperty(json, "enqueuedAt", envelope.enqueuedAt());
			if (envelope.expiresAt() != null) {
				IsoInstants.writeProperty(json, "expiresAt", envelope.expiresAt());
			}
			if (envelope.replays() > 0) {
				json.writeNumberProperty("replays", envelope.replays());
			}
			if (envelope.eta() != null) {
				IsoInstants.writeProperty(json, "eta", envelope.eta());
			}
			if (envelope.firstFailedAt() != null) {
				IsoInstants.writeProperty(json, "firstFailedAt", envelope.firstFailedAt());
			}
			json.writeEndObject();
		}
		return bytes.toByteArray();
	}

	/**
	 * Decodes a message body.
	 * @param body the message body
	 * @return the envelope
	 * @throws MalformedJobException if the body is not a job this code can read; the
	 * message says which field is wrong
	 */
	public JobEnvelope decode(byte[] body) {
		JsonNode root = parse(body);
		JsonNode v = root.path("v");
		int version = (v.isIntegralNumber() && v.canConvertToInt()) ? v.asInt() : 0;
		if (version < 1 || version > JobEnvelope.PROTOCOL_VERSION) {
			throw new MalformedJobException("unsupported protocol version '" + root.path("v")
					+ "' (this worker reads 1 to " + JobEnvelope.PROTOCOL_VERSION + ")");
		}
		JsonNode args = root.path("args");
		if (!args.isArray()) {
			throw new MalformedJobException("field 'args' must be a JSON array, got " + args.getNodeType());
		}
		try {
			return new JobEnvelope(text(root, "id"), text(root, "task"), text(root, "queue"), (ArrayNode) args,
					count(root, "attempt", 1), instant(root, "enqueuedAt", true), instant(root, "expiresAt", false),
					count(root, "replays", 0), instant(root, "eta", false), instant(root, "firstFailedAt", false));
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedJobException(ex.getMessage(), ex);
		}
	}

	private JsonNode parse(byte[] body) {
		if (body == null || body.length == 0) {
			throw new MalformedJobException("empty message body");
		}
		try {
			JsonNode root = this.mapper.readTree(body);
			if (root == null || !root.isObject()) {
				throw new MalformedJobException("message body is not a JSON object");
			}
			return root;
		}
		catch (JacksonException ex) {
			throw new MalformedJobException("message body is not valid JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	private static String text(JsonNode root, String field) {
		JsonNode node = root.path(field);
		if (!node.isString() || node.asString().isBlank()) {
			throw new MalformedJobException("field '" + field + "' must be a non-empty string, got "
					+ FailureText.cap(node.toString(), 100));
		}
		String text = node.asString();
		if (text.length() > MAX_NAME_LENGTH) {
			throw new MalformedJobException("field '" + field + "' is " + text.length()
					+ " characters long; at most " + MAX_NAME_LENGTH + " are allowed");
		}
		return text;
	}

	private static int count(JsonNode root, String field, int absent) {
		JsonNode node = root.path(field);
		if (node.isMissingNode() || node.isNull()) {
			return absent;
		}
		if (!node.isIntegralNumber() || !node.canConvertToInt()) {
			throw new MalformedJobException("field '" + field + "' must be a whole number, got " + node);
		}
		return node.asInt();
	}

	private static Instant instant(JsonNode root, String field, boolean required) {
		JsonNode node = root.path(field);
		if (node.isMissingNode() || node.isNull()) {
			if (required) {
				throw new MalformedJobException("field '" + field + "' is required");
			}
			return null;
		}
		if (!node.isString()) {
			throw new MalformedJobException("field '" + field + "' must be an ISO-8601 instant string, got "
					+ node.getNodeType().name().toLowerCase());
		}
		try {
			return IsoInstants.parse(node.asString());
		}
		catch (DateTimeParseException ex) {
			throw new MalformedJobException("field '" + field + "' must be an ISO-8601 instant, got " + node, ex);
		}
	}

}
