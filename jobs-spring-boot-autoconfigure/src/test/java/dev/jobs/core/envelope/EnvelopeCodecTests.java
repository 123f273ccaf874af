package dev.jobs.core.envelope;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.assertj.core.api.ThrowableAssertAlternative;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.jobs.UniqueUntil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The job message body as a worker reads it: strict about the fields the engine relies on,
 * lenient about fields it does not know.
 */
class EnvelopeCodecTests {

	private static final Instant ENQUEUED_AT = Instant.parse("2026-11-27T20:15:30.123456789Z");

	private final JsonMapper mapper = JobsJsonMapper.create();

	private final EnvelopeCodec codec = new EnvelopeCodec(this.mapper);

	/** A valid job: third attempt, replayed once, with an expiry. */
	private final JobEnvelope valid = new JobEnvelope(JobIds.next(), "send-webhook", "critical",
			this.mapper.createArrayNode().add("https://example.com/hook"), 3, ENQUEUED_AT, ENQUEUED_AT.plusSeconds(60),
			1, ENQUEUED_AT.plusSeconds(30), ENQUEUED_AT.plusSeconds(10), null);

	@Test
	void decodesWhatItEncodes() {
		ArrayNode args = this.mapper.createArrayNode().add("order-7").add(new BigDecimal("10.50")).add(3);
		JobEnvelope envelope = new JobEnvelope(JobIds.next(), "send-webhook", "critical", args, 3, ENQUEUED_AT,
				ENQUEUED_AT.plusSeconds(3600), 2, null, null, null);

		JobEnvelope decoded = this.codec.decode(this.codec.encode(envelope));

		assertThat(decoded).isEqualTo(envelope);
		assertThat(decoded.args().get(1).decimalValue()).isEqualTo(new BigDecimal("10.50"));
	}

	@Test
	void writesAWorkflowStepOrBatchMemberAsVersionTwoAndReadsItBack() throws Exception {
		JobEnvelope step = this.valid.keys(JobKeys.NONE.membership(Membership.step("wf-1", 4).inBatch("batch-9")));

		byte[] body = this.codec.encode(step);

		assertThat(this.mapper.readTree(body).path("v").asInt()).isEqualTo(2);
		assertThat(this.mapper.readTree(body).path("workflow").path("step").asInt()).isEqualTo(4);
		assertThat(this.codec.decode(body)).isEqualTo(step);
		assertThat(this.mapper.readTree(this.codec.encode(this.valid)).path("v").asInt()).isOne();
	}

	@Test
	void carriesTheTaskVersionAboveOneAndReadsItsAbsenceAsOne() throws Exception {
		JobEnvelope version3 = this.valid.keys(JobKeys.NONE.taskVersion(3));

		byte[] body = this.codec.encode(version3);

		assertThat(this.mapper.readTree(body).path("taskVersion").asInt()).isEqualTo(3);
		assertThat(this.codec.decode(body)).isEqualTo(version3);
		assertThat(this.mapper.readTree(this.codec.encode(this.valid)).has("taskVersion")).isFalse();
		assertThat(this.codec.decode(this.codec.encode(this.valid)).keys().taskVersion()).isOne();
		assertThatExceptionOfType(MalformedJobException.class)
			.isThrownBy(() -> this.codec.decode(body((json) -> json.put("taskVersion", 0))))
			.withMessageContaining("taskVersion");
	}

	@Test
	void carriesATraceOnEveryCopyOfTheJob() throws Exception {
		TraceContext trace = TraceContext.of(Map.of("traceparent",
				"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
		JobEnvelope traced = this.valid.trace(trace);

		byte[] body = this.codec.encode(traced);

		assertThat(this.mapper.readTree(body).path("trace").path("traceparent").asString())
			.isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
		assertThat(this.codec.decode(body)).isEqualTo(traced);
		assertThat(traced.nextAttempt(ENQUEUED_AT, ENQUEUED_AT).trace()).isEqualTo(trace);
		assertThat(traced.replayed().trace()).isEqualTo(trace);
		assertThat(this.mapper.readTree(this.codec.encode(this.valid)).has("trace")).isFalse();
	}

	@Test
	void dropsATraceItCannotUseInsteadOfRefusingTheJob() {
		assertThat(this.codec.decode(body((body) -> body.put("trace", "00-abc"))).trace()).isEqualTo(TraceContext.NONE);
		assertThat(this.codec.decode(body((body) -> body.putObject("trace").put("traceparent", 7))).trace())
			.isEqualTo(TraceContext.NONE);
		assertThat(this.codec.decode(body((body) -> body.putObject("trace").put("traceparent", "x".repeat(600))
			.put("tracestate", "a=b"))).trace().fields()).containsOnlyKeys("tracestate");
	}

	@Test
	void rejectsAWorkflowFieldThatIsNotAnObjectWithAStep() {
		assertMalformed(body((body) -> body.put("workflow", "wf-1"))).withMessageContaining("'workflow'");
		assertMalformed(body((body) -> body.putObject("workflow").put("id", "wf-1")))
			.withMessageContaining("'workflow.step'");
		assertMalformed(body((body) -> body.putObject("workflow").put("step", 1))).withMessageContaining("'workflow.id'");
	}

	@Test
	void decodesWhatItEncodesForAFirstAttemptWithoutExpiry() {
		JobEnvelope envelope = JobEnvelope.first(JobIds.next(), "report", "default", this.mapper.createArrayNode(),
				ENQUEUED_AT);

		JobEnvelope decoded = this.codec.decode(this.codec.encode(envelope));

		assertThat(decoded).isEqualTo(envelope);
		assertThat(decoded.expiresAt()).isNull();
		assertThat(decoded.attempt()).isEqualTo(1);
		assertThat(decoded.replays()).isZero();
	}

	@Test
	void rejectsAnEmptyBody() {
		assertMalformed(new byte[0]).withMessageContaining("empty");
		assertMalformed(null).withMessageContaining("empty");
	}

	@ParameterizedTest
	@ValueSource(strings = { "not json", "{\"v\":1,", "{\"v\":1} trailing", "\u00ff\u00fe" })
	void rejectsABodyThatIsNotJson(String body) {
		assertMalformed(body.getBytes(StandardCharsets.UTF_8)).withMessageContaining("not valid JSON");
	}

	/**
	 * Issue 10, item 9: Jackson detects a byte-order mark, UTF-16 and UTF-32 and read them,
	 * while {@code docs/protocol.md} allows UTF-8 without a byte-order mark only.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("otherEncodings")
	void rejectsABodyThatIsNotUtf8WithoutAByteOrderMark(String encoding, byte[] body) {
		assertMalformed(body).withMessageContaining("not UTF-8 without a byte-order mark");
	}

	static Stream<Arguments> otherEncodings() {
		byte[] utf8 = new EnvelopeCodec(JobsJsonMapper.create()).encode(JobEnvelope.first(JobIds.next(), "report",
				"default", JobsJsonMapper.create().createArrayNode(), ENQUEUED_AT));
		String json = new String(utf8, StandardCharsets.UTF_8);
		byte[] bom = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
		byte[] withBom = new byte[bom.length + utf8.length];
		System.arraycopy(bom, 0, withBom, 0, bom.length);
		System.arraycopy(utf8, 0, withBom, bom.length, utf8.length);
		return Stream.of(Arguments.of("UTF-8 with a byte-order mark", withBom),
				Arguments.of("UTF-16 with a byte-order mark", json.getBytes(StandardCharsets.UTF_16)),
				Arguments.of("UTF-16BE", json.getBytes(StandardCharsets.UTF_16BE)),
				Arguments.of("UTF-16LE", json.getBytes(StandardCharsets.UTF_16LE)),
				Arguments.of("UTF-16LE after a space", (" " + json).getBytes(StandardCharsets.UTF_16LE)),
				Arguments.of("UTF-32BE", json.getBytes(java.nio.charset.Charset.forName("UTF-32BE"))),
				Arguments.of("UTF-32LE", json.getBytes(java.nio.charset.Charset.forName("UTF-32LE"))));
	}

	@Test
	void decodesABodyThatOpensWithWhitespace() {
		byte[] utf8 = this.codec.encode(this.valid);
		byte[] padded = new byte[utf8.length + 2];
		padded[0] = '\n';
		padded[1] = ' ';
		System.arraycopy(utf8, 0, padded, 2, utf8.length);

		assertThat(this.codec.decode(padded)).isEqualTo(this.valid);
	}

	@ParameterizedTest
	@ValueSource(strings = { "[]", "[{\"v\":1}]", "\"job\"", "42", "null", "   " })
	void rejectsJsonThatIsNotAnObject(String body) {
		assertMalformed(body.getBytes(StandardCharsets.UTF_8)).withMessageContaining("not a JSON object");
	}

	static Stream<Arguments> missingOrBlankText() {
		return Stream.of("id", "task", "queue")
			.flatMap((field) -> Stream.<Consumer<ObjectNode>>of((body) -> body.remove(field),
					(body) -> body.put(field, ""), (body) -> body.put(field, "   "), (body) -> body.put(field, 42),
					(body) -> body.putNull(field))
				.map((change) -> Arguments.of(field, change)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("missingOrBlankText")
	void rejectsAMissingOrBlankIdTaskOrQueueNamingTheField(String field, Consumer<ObjectNode> change) {
		assertMalformed(body(change)).withMessageContaining("'" + field + "'");
	}

	@Test
	void rejectsArgsThatAreNotAnArray() {
		assertMalformed(body((body) -> body.putObject("args").put("0", "x"))).withMessageContaining("'args'");
		assertMalformed(body((body) -> body.put("args", "[1]"))).withMessageContaining("'args'");
		assertMalformed(body((body) -> body.remove("args"))).withMessageContaining("'args'");
	}

	@Test
	void rejectsABadEnqueuedAt() {
		assertMalformed(body((body) -> body.put("enqueuedAt", "yesterday"))).withMessageContaining("'enqueuedAt'");
		assertMalformed(body((body) -> body.put("enqueuedAt", 1764274530))).withMessageContaining("'enqueuedAt'");
		assertMalformed(body((body) -> body.put("enqueuedAt", true))).withMessageContaining("'enqueuedAt'");
		assertMalformed(body((body) -> body.remove("enqueuedAt"))).withMessageContaining("'enqueuedAt'");
		assertMalformed(body((body) -> body.putNull("enqueuedAt"))).withMessageContaining("'enqueuedAt'");
	}

	/**
	 * Regression: {@code JsonNode.asString()} throws a {@code JsonNodeException} for an object
	 * or array node, which escaped {@link EnvelopeCodec#decode} as something other than a
	 * {@link MalformedJobException}, so the worker gave the message back instead of
	 * dead-lettering it.
	 */
	@Test
	void rejectsAnEnqueuedAtOrExpiresAtThatIsAnObjectOrArrayAsMalformed() {
		assertMalformed(body((body) -> body.putObject("enqueuedAt"))).withMessageContaining("'enqueuedAt'");
		assertMalformed(body((body) -> body.putArray("enqueuedAt").add(ENQUEUED_AT.toString())))
			.withMessageContaining("'enqueuedAt'");
		assertMalformed(body((body) -> body.putObject("expiresAt"))).withMessageContaining("'expiresAt'");
	}

	@Test
	void rejectsABadExpiresAt() {
		assertMalformed(body((body) -> body.put("expiresAt", "tomorrow"))).withMessageContaining("'expiresAt'");
	}

	static Stream<Arguments> unsupportedVersions() {
		return Stream.of(Arguments.of("0", (Consumer<ObjectNode>) (body) -> body.put("v", 0)),
				Arguments.of("3", (Consumer<ObjectNode>) (body) -> body.put("v", 3)),
				Arguments.of("-1", (Consumer<ObjectNode>) (body) -> body.put("v", -1)),
				Arguments.of("missing", (Consumer<ObjectNode>) (body) -> body.remove("v")),
				Arguments.of("an object", (Consumer<ObjectNode>) (body) -> body.putObject("v")));
	}

	@ParameterizedTest(name = "v {0}")
	@MethodSource("unsupportedVersions")
	void rejectsAnUnsupportedProtocolVersion(String description, Consumer<ObjectNode> change) {
		assertMalformed(body(change)).withMessageContaining("protocol version");
	}

	@Test
	void rejectsANonIntegralOrOutOfRangeAttempt() {
		assertMalformed(body((body) -> body.put("attempt", 1.5))).withMessageContaining("'attempt'");
		assertMalformed(body((body) -> body.put("attempt", "2"))).withMessageContaining("'attempt'");
		assertMalformed(body((body) -> body.put("attempt", true))).withMessageContaining("'attempt'");
		assertMalformed(body((body) -> body.put("attempt", 99_999_999_999L))).withMessageContaining("'attempt'");
		assertMalformed(body((body) -> body.put("attempt", 0))).withMessageContaining("attempt");
	}

	@Test
	void rejectsANonIntegralOrNegativeReplayCount() {
		assertMalformed(body((body) -> body.put("replays", 0.5))).withMessageContaining("'replays'");
		assertMalformed(body((body) -> body.put("replays", -1))).withMessageContaining("replays");
	}

	@Test
	void acceptsUnknownExtraFields() {
		JobEnvelope decoded = this.codec.decode(body((body) -> {
			body.put("weight", 5);
			body.putObject("routing").put("region", "eu-west-1");
			body.putArray("tags").add("newer-producer");
		}));

		assertThat(decoded).isEqualTo(this.valid);
	}

	@Test
	void keysPriorityAndRateSlotTravelAndABadPriorityIsMalformed() {
		JobEnvelope keyed = this.valid.keys(JobKeys.NONE.idempotency("order-42")
			.unique("report-12", UniqueUntil.STARTED)
			.priority(9)
			.rateSlot(ENQUEUED_AT.plusSeconds(5)));

		assertThat(this.codec.decode(this.codec.encode(keyed))).isEqualTo(keyed);
		assertMalformed(body((body) -> body.put("priority", 256))).withMessageContaining("'priority'");
		assertMalformed(body((body) -> body.put("uniqueUntil", "LATER"))).withMessageContaining("'uniqueUntil'");
	}

	@Test
	void decodesMissingAttemptAsFirst() {
		assertThat(this.codec.decode(body((body) -> body.remove("attempt"))).attempt()).isEqualTo(1);
		assertThat(this.codec.decode(body((body) -> body.putNull("attempt"))).attempt()).isEqualTo(1);
	}

	@Test
	void decodesMissingReplaysAsZero() {
		assertThat(this.codec.decode(body((body) -> body.remove("replays"))).replays()).isZero();
	}

	@Test
	void decodesWhatAnotherProducerWroteByHand() {
		String body = """
				{"v":1,"id":"0193a4f2-6c1e-7b3a-9f00-2c4d5e6f7a8b","task":"send-webhook","queue":"critical",
				 "args":["https://example.com/hook",{"order":42}],"enqueuedAt":"2026-11-27T20:15:30Z"}
				""";

		JobEnvelope decoded = this.codec.decode(body.getBytes(StandardCharsets.UTF_8));

		assertThat(decoded.id()).isEqualTo("0193a4f2-6c1e-7b3a-9f00-2c4d5e6f7a8b");
		assertThat(decoded.task()).isEqualTo("send-webhook");
		assertThat(decoded.queue()).isEqualTo("critical");
		assertThat(decoded.args()).hasSize(2);
		assertThat(decoded.attempt()).isEqualTo(1);
		assertThat(decoded.enqueuedAt()).isEqualTo(Instant.parse("2026-11-27T20:15:30Z"));
		assertThat(decoded.expiresAt()).isNull();
		assertThat(decoded.replays()).isZero();
	}

	@Test
	void readsFieldsInAnyOrderAndTheLastOfAFieldNamedTwice() {
		String body = """
				{"enqueuedAt":"2026-11-27T20:15:30Z","extra":{"nested":[1,{"task":"not this"}]},"task":"first",
				 "args":[],"queue":"critical","task":"second","id":"0193a4f2-6c1e-7b3a-9f00-2c4d5e6f7a8b","v":1}
				""";

		JobEnvelope decoded = this.codec.decode(body.getBytes(StandardCharsets.UTF_8));

		assertThat(decoded.task()).isEqualTo("second");
		assertThat(decoded.queue()).isEqualTo("critical");
		assertThat(decoded.args()).isEmpty();
	}

	/**
	 * The valid job's body with one change applied.
	 */
	private byte[] body(Consumer<ObjectNode> change) {
		ObjectNode body = (ObjectNode) this.mapper.readTree(this.codec.encode(this.valid));
		change.accept(body);
		return this.mapper.writeValueAsBytes(body);
	}

	private ThrowableAssertAlternative<MalformedJobException> assertMalformed(byte[] body) {
		return assertThatExceptionOfType(MalformedJobException.class).isThrownBy(() -> this.codec.decode(body));
	}

}
