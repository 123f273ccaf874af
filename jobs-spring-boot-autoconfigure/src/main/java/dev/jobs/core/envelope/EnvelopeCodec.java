package dev.jobs.core.envelope;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.jobs.JobArgumentsException;
import dev.jobs.UniqueUntil;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.StringNode;

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

	/** The largest message body by default: 1 MiB. */
	public static final int DEFAULT_MAX_SIZE = 1024 * 1024;

	private final JsonMapper mapper;

	private final int maxSize;

	/**
	 * Creates a codec that accepts bodies up to {@link #DEFAULT_MAX_SIZE}.
	 * @param mapper the JSON mapper
	 */
	public EnvelopeCodec(JsonMapper mapper) {
		this(mapper, DEFAULT_MAX_SIZE);
	}

	/**
	 * A codec for message bodies of at most the given size.
	 * @param mapper the job JSON mapper
	 * @param maxSize the largest body, in bytes: a larger job is refused when it is encoded, and a
	 * larger message is malformed unread
	 */
	public EnvelopeCodec(JsonMapper mapper, int maxSize) {
		this.mapper = mapper;
		this.maxSize = maxSize;
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
			// Version 2 only where a worker must understand it: an older worker dead-letters a
			// workflow step it cannot continue instead of running it and leaving the workflow hanging.
			json.writeNumberProperty("v", envelope.keys().membership().isAny() ? JobEnvelope.PROTOCOL_VERSION
					: JobEnvelope.PROTOCOL_V1);
			json.writeStringProperty("id", envelope.id());
			json.writeStringProperty("task", envelope.task());
			json.writeStringProperty("queue", envelope.queue());
			json.writeName("args");
			json.writeTree(envelope.args());
			json.writeNumberProperty("attempt", envelope.attempt());
			IsoInstants.writeProperty(json, "enqueuedAt", envelope.enqueuedAt());
			IsoInstants.writeProperty(json, "expiresAt", envelope.expiresAt());
			if (envelope.replays() > 0) {
				json.writeNumberProperty("replays", envelope.replays());
			}
			IsoInstants.writeProperty(json, "eta", envelope.eta());
			IsoInstants.writeProperty(json, "firstFailedAt", envelope.firstFailedAt());
			writeKeys(json, envelope.keys());
			writeTrace(json, envelope.trace());
			json.writeEndObject();
		}
		if (bytes.size() > this.maxSize) {
			throw new JobArgumentsException("Job " + envelope.id() + " of task '" + envelope.task() + "' is "
					+ bytes.size() + " bytes as a message, more than jobs.message.max-size (" + this.maxSize
					+ " bytes); not enqueued. Pass a reference to the data (an id, a URL) instead of the data");
		}
		return bytes.toByteArray();
	}

	private static void writeKeys(JsonGenerator json, JobKeys keys) {
		if (keys.idempotency() != null) {
			json.writeStringProperty("idempotencyKey", keys.idempotency());
		}
		if (keys.unique() != null) {
			json.writeStringProperty("uniqueKey", keys.unique());
			json.writeStringProperty("uniqueUntil", keys.uniqueUntil().name());
		}
		IsoInstants.writeProperty(json, "rateSlot", keys.rateSlot());
		if (keys.priority() > 0) {
			json.writeNumberProperty("priority", keys.priority());
		}
		Membership membership = keys.membership();
		if (membership.workflow() != null) {
			json.writeObjectPropertyStart("workflow");
			json.writeStringProperty("id", membership.workflow());
			json.writeNumberProperty("step", membership.step());
			json.writeEndObject();
		}
		if (membership.batch() != null) {
			json.writeStringProperty("batch", membership.batch());
		}
		if (keys.retryPolicy() != null) {
			json.writeStringProperty("retryPolicy", keys.retryPolicy());
		}
		// Absent reads as 1, so the jobs of a task that never raised its version look as before.
		if (keys.taskVersion() > 1) {
			json.writeNumberProperty("taskVersion", keys.taskVersion());
		}
	}

	private static void writeTrace(JsonGenerator json, TraceContext trace) {
		if (!trace.isPresent()) {
			return;
		}
		json.writeObjectPropertyStart("trace");
		trace.fields().forEach(json::writeStringProperty);
		json.writeEndObject();
	}

	/**
	 * Decodes a message body.
	 * @param body the message body
	 * @return the envelope
	 * @throws MalformedJobException if the body is not a job this code can read; the
	 * message says which field is wrong
	 */
	public JobEnvelope decode(byte[] body) {
		if (body != null && body.length > this.maxSize) {
			throw new MalformedJobException("message body is " + body.length + " bytes, more than"
					+ " jobs.message.max-size (" + this.maxSize + " bytes); not read");
		}
		Fields fields = read(body);
		JsonNode v = fields.version;
		int version = (v.isIntegralNumber() && v.canConvertToInt()) ? v.asInt() : 0;
		if (version < 1 || version > JobEnvelope.PROTOCOL_VERSION) {
			throw new MalformedJobException("unsupported protocol version '" + v
					+ "' (this worker reads 1 to " + JobEnvelope.PROTOCOL_VERSION + ")");
		}
		if (!fields.args.isArray()) {
			throw new MalformedJobException("field 'args' must be a JSON array, got " + fields.args.getNodeType());
		}
		try {
			return new JobEnvelope(text(fields.id, "id"), text(fields.task, "task"), text(fields.queue, "queue"),
					(ArrayNode) fields.args, count(fields.attempt, "attempt", 1),
					instant(fields.enqueuedAt, "enqueuedAt", true), instant(fields.expiresAt, "expiresAt", false),
					count(fields.replays, "replays", 0), instant(fields.eta, "eta", false),
					instant(fields.firstFailedAt, "firstFailedAt", false), keys(fields), trace(fields.trace));
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedJobException(ex.getMessage(), ex);
		}
	}

	/**
	 * Reads the fields of the body's object with a streaming parser. Building the whole tree
	 * first, a map of nodes read once and dropped, was most of the cost of decoding (JFR,
	 * benchmarks module); only {@code args} becomes a tree, since tasks bind it.
	 */
	private Fields read(byte[] body) {
		if (body == null || body.length == 0) {
			throw new MalformedJobException("empty message body");
		}
		requireUtf8WithoutByteOrderMark(body);
		try (JsonParser json = this.mapper.createParser(body)) {
			if (json.nextToken() != JsonToken.START_OBJECT) {
				throw new MalformedJobException("message body is not a JSON object");
			}
			Fields fields = new Fields();
			while (json.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = json.currentName();
				json.nextToken();
				fields.read(name, json);
			}
			if (json.nextToken() != null) {
				throw new MalformedJobException("message body is not valid JSON: content after the object");
			}
			return fields;
		}
		catch (JacksonException ex) {
			throw new MalformedJobException("message body is not valid JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	/**
	 * Refuses the encodings that Jackson's parser would detect and read besides UTF-8: a body
	 * that opens with a byte-order mark, and UTF-16 or UTF-32, which put a NUL in the first two
	 * bytes of any JSON text (it opens with an ASCII character). {@code docs/protocol.md}
	 * allows UTF-8 without a byte-order mark only; a producer that sends anything else learns
	 * it from the dead letter rather than from a worker that reads it today and not tomorrow.
	 */
	private static void requireUtf8WithoutByteOrderMark(byte[] body) {
		int first = body[0] & 0xFF;
		boolean nul = first == 0 || (body.length > 1 && body[1] == 0);
		if (nul || first == 0xEF || first == 0xFE || first == 0xFF) {
			StringBuilder opening = new StringBuilder();
			for (int i = 0; i < Math.min(4, body.length); i++) {
				opening.append(String.format(" %02X", body[i] & 0xFF));
			}
			throw new MalformedJobException("message body is not UTF-8 without a byte-order mark: it opens with bytes"
					+ opening + " (a byte-order mark, or UTF-16 or UTF-32)");
		}
	}

	private static String text(JsonNode node, String field) {
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

	private static JobKeys keys(Fields fields) {
		String idempotency = optionalText(fields.idempotencyKey, "idempotencyKey");
		String unique = optionalText(fields.uniqueKey, "uniqueKey");
		String until = optionalText(fields.uniqueUntil, "uniqueUntil");
		UniqueUntil uniqueUntil;
		try {
			uniqueUntil = (until != null) ? UniqueUntil.valueOf(until) : null;
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedJobException("field 'uniqueUntil' must be STARTED or FINISHED, got '" + until + "'", ex);
		}
		Instant rateSlot = instant(fields.rateSlot, "rateSlot", false);
		int priority = count(fields.priority, "priority", 0);
		if (priority < 0 || priority > 255) {
			throw new MalformedJobException("field 'priority' must be between 0 and 255, got " + priority);
		}
		Membership membership = membership(fields);
		String retryPolicy = optionalText(fields.retryPolicy, "retryPolicy");
		int taskVersion = count(fields.taskVersion, "taskVersion", 1);
		if (taskVersion < 1) {
			throw new MalformedJobException("field 'taskVersion' must be a whole number from 1, got " + taskVersion);
		}
		if (idempotency == null && unique == null && rateSlot == null && priority == 0 && !membership.isAny()
				&& retryPolicy == null && taskVersion == 1) {
			return JobKeys.NONE;
		}
		return new JobKeys(idempotency, unique, uniqueUntil, rateSlot, priority, membership, retryPolicy,
				taskVersion);
	}

	/** Lenient: a trace that is not an object of text fields is dropped, never a reason to refuse the job. */
	private static TraceContext trace(JsonNode trace) {
		if (!trace.isObject()) {
			return TraceContext.NONE;
		}
		Map<String, String> fields = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> field : trace.properties()) {
			if (field.getValue().isString()) {
				fields.put(field.getKey(), field.getValue().asString());
			}
		}
		return TraceContext.of(fields);
	}

	private static Membership membership(Fields fields) {
		String batch = optionalText(fields.batch, "batch");
		JsonNode workflow = fields.workflow;
		if (workflow.isMissingNode() || workflow.isNull()) {
			return (batch != null) ? new Membership(null, 0, batch) : Membership.NONE;
		}
		if (!workflow.isObject()) {
			throw new MalformedJobException("field 'workflow' must be an object {\"id\", \"step\"}, got "
					+ workflow.getNodeType().name().toLowerCase());
		}
		int step = count(workflow.path("step"), "workflow.step", -1);
		if (step < 0) {
			throw new MalformedJobException("field 'workflow.step' must be a whole number from 0, got "
					+ workflow.path("step"));
		}
		return new Membership(text(workflow.path("id"), "workflow.id"), step, batch);
	}

	private static String optionalText(JsonNode node, String field) {
		return (node.isMissingNode() || node.isNull()) ? null : text(node, field);
	}

	private static int count(JsonNode node, String field, int absent) {
		if (node.isMissingNode() || node.isNull()) {
			return absent;
		}
		if (!node.isIntegralNumber() || !node.canConvertToInt()) {
			throw new MalformedJobException("field '" + field + "' must be a whole number, got " + node);
		}
		return node.asInt();
	}

	private static Instant instant(JsonNode node, String field, boolean required) {
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

	/** The fields the engine reads; each is missing until the body names it. */
	private static final class Fields {

		private JsonNode version = MissingNode.getInstance();

		private JsonNode id = MissingNode.getInstance();

		private JsonNode task = MissingNode.getInstance();

		private JsonNode queue = MissingNode.getInstance();

		private JsonNode args = MissingNode.getInstance();

		private JsonNode attempt = MissingNode.getInstance();

		private JsonNode enqueuedAt = MissingNode.getInstance();

		private JsonNode expiresAt = MissingNode.getInstance();

		private JsonNode replays = MissingNode.getInstance();

		private JsonNode eta = MissingNode.getInstance();

		private JsonNode firstFailedAt = MissingNode.getInstance();

		private JsonNode idempotencyKey = MissingNode.getInstance();

		private JsonNode uniqueKey = MissingNode.getInstance();

		private JsonNode uniqueUntil = MissingNode.getInstance();

		private JsonNode rateSlot = MissingNode.getInstance();

		private JsonNode priority = MissingNode.getInstance();

		private JsonNode workflow = MissingNode.getInstance();

		private JsonNode batch = MissingNode.getInstance();

		private JsonNode trace = MissingNode.getInstance();

		private JsonNode retryPolicy = MissingNode.getInstance();

		private JsonNode taskVersion = MissingNode.getInstance();

		/** Reads the value the parser is at; a field named twice keeps its last value, as a tree would. */
		void read(String name, JsonParser json) {
			switch (name) {
				case "v" -> this.version = value(json);
				case "id" -> this.id = value(json);
				case "task" -> this.task = value(json);
				case "queue" -> this.queue = value(json);
				case "args" -> this.args = json.readValueAsTree();
				case "attempt" -> this.attempt = value(json);
				case "enqueuedAt" -> this.enqueuedAt = value(json);
				case "expiresAt" -> this.expiresAt = value(json);
				case "replays" -> this.replays = value(json);
				case "eta" -> this.eta = value(json);
				case "firstFailedAt" -> this.firstFailedAt = value(json);
				case "idempotencyKey" -> this.idempotencyKey = value(json);
				case "uniqueKey" -> this.uniqueKey = value(json);
				case "uniqueUntil" -> this.uniqueUntil = value(json);
				case "rateSlot" -> this.rateSlot = value(json);
				case "priority" -> this.priority = value(json);
				case "workflow" -> this.workflow = json.readValueAsTree();
				case "batch" -> this.batch = value(json);
				case "retryPolicy" -> this.retryPolicy = value(json);
				case "taskVersion" -> this.taskVersion = value(json);
				case "trace" -> this.trace = value(json);
				// A field of a newer producer: skipped, whatever it holds.
				default -> json.skipChildren();
			}
		}

		/** Strings and small whole numbers, the usual values, without the tree reader's set-up. */
		private static JsonNode value(JsonParser json) {
			JsonToken token = json.currentToken();
			if (token == JsonToken.VALUE_STRING) {
				return StringNode.valueOf(json.getString());
			}
			if (token == JsonToken.VALUE_NUMBER_INT && json.getNumberType() == JsonParser.NumberType.INT) {
				return IntNode.valueOf(json.getIntValue());
			}
			return json.readValueAsTree();
		}

	}

}
