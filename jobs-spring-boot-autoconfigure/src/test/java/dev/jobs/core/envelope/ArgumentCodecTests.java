package dev.jobs.core.envelope;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

import dev.jobs.JobArgumentsException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Arguments travel as JSON written and read by the task method's declared parameter types, and
 * come out on the worker exactly as they went in; a message can carry nothing else.
 */
class ArgumentCodecTests {

	private final JsonMapper mapper = JobsJsonMapper.create();

	private final EnvelopeCodec envelopes = new EnvelopeCodec(this.mapper);

	@Test
	void roundTripsARecordWithANestedListOfRecordsAndAMapOfDecimals() {
		Order order = new Order("order-7",
				List.of(new Line("sku-1", 2, new BigDecimal("10.50")),
						new Line("sku-2", 1, new BigDecimal("0.1000000000000000055511151231257827"))),
				Priority.HIGH, Instant.parse("2026-11-27T20:15:30.123456789Z"));
		Map<String, BigDecimal> adjustments = new LinkedHashMap<>();
		adjustments.put("discount", new BigDecimal("-1.00"));
		adjustments.put("shipping", new BigDecimal("4.990"));

		Object[] decoded = overTheWire(codec("invoice"), order, adjustments);

		assertThat(decoded[0]).isEqualTo(order);
		assertThat(((Order) decoded[0]).lines().get(0).unitPrice()).hasScaleOf(2);
		assertThat(decoded[1]).isInstanceOf(Map.class).isEqualTo(adjustments);
		assertThat(((Map<?, ?>) decoded[1]).get("shipping")).isEqualTo(new BigDecimal("4.990"));
	}

	@Test
	void keepsTheScaleAndEveryDigitOfADecimal() {
		ArgumentCodec codec = codec("amount");

		assertThat(overTheWire(codec, new BigDecimal("10.50"))[0]).isEqualTo(new BigDecimal("10.50"));
		assertThat(overTheWire(codec, new BigDecimal("0.1000000000000000055511151231257827"))[0])
			.isEqualTo(new BigDecimal("0.1000000000000000055511151231257827"));
		assertThat(overTheWire(codec, new BigDecimal("0.00"))[0]).isEqualTo(new BigDecimal("0.00"));
		assertThat(overTheWire(codec, new BigDecimal("100"))[0]).isEqualTo(new BigDecimal("100"));
	}

	@Test
	void roundTripsAnInstantWithNanosALocalDateAndAnEnum() {
		Instant at = Instant.parse("2026-11-27T20:15:30.123456789Z");
		LocalDate day = LocalDate.of(2028, 2, 29);

		Object[] decoded = overTheWire(codec("schedule"), day, at, Priority.LOW);

		assertThat(decoded).containsExactly(day, at, Priority.LOW);
	}

	@Test
	void roundTripsPrimitives() {
		Object[] args = { Integer.MIN_VALUE, Long.MAX_VALUE, 0.1d, Double.MAX_VALUE, true, 'é', (byte) -7,
				(short) 300, 0.1f };

		Object[] decoded = overTheWire(codec("primitives"), args);

		assertThat(decoded).containsExactly(args);
	}

	@Test
	void acceptsNullForABoxedParameter() {
		assertThat(overTheWire(codec("boxed"), null, null)).containsExactly(null, null);
	}

	@Test
	void rejectsNullForAPrimitiveParameter() {
		assertThatExceptionOfType(ArgumentMismatchException.class)
			.isThrownBy(() -> codec("count").decode(args("[null]")))
			.withMessageContaining("'count'")
			.withMessageContaining("argument 1")
			.withMessageContaining("int");
	}

	@Test
	void readsAMessageWrittenBeforeATrailingNullableOrOptionalParameterWasAdded() {
		ArgumentCodec codec = codec("notify");

		assertThat(codec.decode(args("[\"ada\"]"))).containsExactly("ada", null, Optional.empty());
		assertThat(codec.decode(args("[\"ada\", \"sms\"]"))).containsExactly("ada", "sms", Optional.empty());
		assertThat(codec.decode(args("[\"ada\", null, 3]"))).containsExactly("ada", null, Optional.of(3));
		assertThatExceptionOfType(ArgumentMismatchException.class).isThrownBy(() -> codec.decode(args("[]")))
			.withMessageContaining("takes 3 argument(s) but the message carried 0");
	}

	@Test
	void rejectsTheWrongNumberOfArguments() {
		ArgumentCodec codec = codec("boxed");

		assertThatExceptionOfType(ArgumentMismatchException.class).isThrownBy(() -> codec.decode(args("[1]")))
			.withMessageContaining("'boxed'")
			.withMessageContaining("takes 2")
			.withMessageContaining("carried 1");
		assertThatExceptionOfType(ArgumentMismatchException.class)
			.isThrownBy(() -> codec.decode(args("[1, \"a\", \"b\"]")))
			.withMessageContaining("carried 3");
		assertThatExceptionOfType(JobArgumentsException.class).isThrownBy(() -> codec.encode(new Object[] { 1 }))
			.withMessageContaining("'boxed'")
			.withMessageContaining("takes 2");
	}

	@Test
	void rejectsAStringForAnIntRecordFieldNamingTaskArgumentAndType() {
		ArrayNode args = args("[{\"sku\":\"sku-1\",\"quantity\":\"two\",\"unitPrice\":10.50}]");

		assertThatExceptionOfType(ArgumentMismatchException.class).isThrownBy(() -> codec("line").decode(args))
			.withMessageContaining("'line'")
			.withMessageContaining("argument 1")
			.withMessageContaining(Line.class.getName())
			.withMessageContaining("JSON object");
	}

	@Test
	void rejectsAJsonTypeThatCannotBeTheDeclaredType() {
		assertThatExceptionOfType(ArgumentMismatchException.class)
			.isThrownBy(() -> codec("count").decode(args("[true]")))
			.withMessageContaining("JSON boolean");
		assertThatExceptionOfType(ArgumentMismatchException.class)
			.isThrownBy(() -> codec("count").decode(args("[{\"value\":1}]")))
			.withMessageContaining("JSON object");
		assertThatExceptionOfType(ArgumentMismatchException.class)
			.isThrownBy(() -> codec("count").decode(args("[99999999999]")))
			.withMessageContaining("argument 1");
		assertThatExceptionOfType(ArgumentMismatchException.class)
			.isThrownBy(() -> codec("schedule").decode(args("[\"2028-02-30\", \"2026-11-27T20:15:30Z\", \"LOW\"]")))
			.withMessageContaining("argument 1")
			.withMessageContaining(LocalDate.class.getName());
		assertThatExceptionOfType(ArgumentMismatchException.class)
			.isThrownBy(() -> codec("schedule").decode(args("[\"2028-02-29\", \"2026-11-27T20:15:30Z\", \"URGENT\"]")))
			.withMessageContaining("argument 3")
			.withMessageContaining(Priority.class.getName());
	}

	/**
	 * A producer that enqueues by name (a task of another service) writes plain JSON values; a
	 * fraction sent for a whole-number parameter must not run the task with a truncated value.
	 */
	@Test
	void rejectsAFractionForAWholeNumberParameterInsteadOfTruncatingIt() {
		assertThatExceptionOfType(ArgumentMismatchException.class)
			.isThrownBy(() -> codec("count").decode(args("[2.5]")))
			.withMessageContaining("argument 1")
			.withMessageContaining("int");
	}

	@Test
	void encodeRejectsAValueOfTheWrongRuntimeTypeNamingTheType() {
		assertThatExceptionOfType(JobArgumentsException.class)
			.isThrownBy(() -> codec("count").encode(new Object[] { "3" }))
			.withMessageContaining("'count'")
			.withMessageContaining("argument 1")
			.withMessageContaining("int")
			.withMessageContaining("java.lang.String");
		assertThatExceptionOfType(JobArgumentsException.class)
			.isThrownBy(() -> codec("invoice").encode(new Object[] { Map.of("id", "order-7"), Map.of() }))
			.withMessageContaining(Order.class.getName())
			.withMessageContaining("Map");
	}

	/**
	 * Generics are erased at run time, so a by-name enqueue ({@code jobs.enqueue("invoice",
	 * order, Map.of("discount", "ten"))}) passes the raw type check; the enqueue must still fail
	 * at once rather than hand the worker a job that can only be dead-lettered.
	 */
	@Test
	void encodeRejectsAContainerWhoseElementsAreNotTheDeclaredType() {
		Order order = new Order("order-7", List.of(), Priority.LOW, Instant.parse("2026-11-27T20:15:30Z"));

		assertThatExceptionOfType(JobArgumentsException.class)
			.isThrownBy(() -> codec("invoice").encode(new Object[] { order, Map.of("discount", "ten") }))
			.withMessageContaining("'invoice'")
			.withMessageContaining("argument 2")
			.withMessageContaining(BigDecimal.class.getName());
	}

	@Test
	void neverInstantiatesAClassNamedInTheMessage() {
		Evil.created.set(0);
		String evil = Evil.class.getName();

		Object[] anything = codec("anything")
			.decode(args("[{\"@class\":\"" + evil + "\",\"command\":\"rm -rf /\"}]"));
		Object[] line = codec("line").decode(
				args("[{\"@class\":\"" + evil + "\",\"sku\":\"sku-1\",\"quantity\":2,\"unitPrice\":1.5}]"));
		Object[] list = codec("list").decode(args("[[\"" + evil + "\", {\"command\":\"rm -rf /\"}]]"));

		assertThat(anything[0]).isInstanceOf(Map.class);
		assertThat(line[0]).isEqualTo(new Line("sku-1", 2, new BigDecimal("1.5")));
		assertThat((List<?>) list[0]).first().isEqualTo(evil);
		assertThat((List<?>) list[0]).last().isInstanceOf(Map.class);
		assertThatExceptionOfType(ArgumentMismatchException.class)
			.isThrownBy(() -> codec("marker").decode(args("[{\"@class\":\"" + evil + "\"}]")))
			.withMessageContaining(Marker.class.getName());
		assertThatExceptionOfType(ArgumentMismatchException.class)
			.isThrownBy(() -> codec("marker").decode(args("[[\"" + evil + "\", {}]]")));
		assertThat(Evil.created).hasValue(0);
	}

	@Test
	void roundTripsEveryDateAndTimeTypeKeepingOffsetsAndZones() {
		Object[] args = { Duration.ofMinutes(5).plusNanos(7), LocalDateTime.parse("2026-11-27T10:15:30.123456789"),
				OffsetDateTime.parse("2026-03-01T11:30:00.5+02:00"), LocalTime.parse("23:59:59.999"),
				OffsetTime.parse("10:15-05:00"), ZonedDateTime.parse("2026-03-29T03:30+02:00[Europe/Paris]"),
				Year.of(2026), YearMonth.of(2026, 11), MonthDay.of(2, 29), Period.of(1, 2, 3),
				ZoneId.of("Europe/Paris"), ZoneOffset.ofHours(-5) };

		assertThat(overTheWire(codec("times"), args)).containsExactly(args);
	}

	@Test
	void roundTripsTheOtherDeclaredTypesOfTheProtocol() {
		UUID id = UUID.fromString("01a21eda-3a9b-76c0-93d6-5bac8867da9a");
		BigInteger big = new BigInteger("123456789012345678901234567890");

		Object[] decoded = overTheWire(codec("others"), id, big, new byte[] { 1, 2, -1 }, Optional.of("x"),
				Set.of("a"), Optional.empty());

		assertThat(decoded).containsExactly(id, big, new byte[] { 1, 2, -1 }, Optional.of("x"), Set.of("a"),
				Optional.empty());
	}

	/**
	 * Each form {@code docs/protocol.md} lists for a declared type binds, and binds to the
	 * value it names.
	 */
	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("listedForms")
	void bindsTheFormsTheProtocolLists(String task, String json, Object expected) {
		assertThat(codec(task).decode(args(json))).containsExactly(expected);
	}

	static Stream<Arguments> listedForms() {
		return Stream.of(Arguments.of("day", "[\"2028-02-29\"]", LocalDate.of(2028, 2, 29)),
				Arguments.of("day", "[null]", null),
				Arguments.of("at", "[\"2026-03-01T11:30:00+02:00\"]", Instant.parse("2026-03-01T09:30:00Z")),
				Arguments.of("at", "[\"2026-03-01T09:30:00.123456789Z\"]",
						Instant.parse("2026-03-01T09:30:00.123456789Z")),
				Arguments.of("offset", "[\"2026-03-01T11:30:00+02:00\"]",
						OffsetDateTime.parse("2026-03-01T11:30:00+02:00")),
				Arguments.of("dateTime", "[\"2026-11-27T10:15:30.5\"]", LocalDateTime.parse("2026-11-27T10:15:30.5")),
				Arguments.of("duration", "[\"PT5M\"]", Duration.ofMinutes(5)),
				Arguments.of("uuid", "[\"01a21eda-3a9b-76c0-93d6-5bac8867da9a\"]",
						UUID.fromString("01a21eda-3a9b-76c0-93d6-5bac8867da9a")),
				Arguments.of("ratio", "[5]", 5.0d), Arguments.of("ratio", "[0.5]", 0.5d),
				Arguments.of("amount", "[100]", new BigDecimal("100")),
				Arguments.of("amount", "[10.50]", new BigDecimal("10.50")),
				Arguments.of("amount", "[1E+3]", new BigDecimal("1E+3")), Arguments.of("flag", "[false]", false),
				Arguments.of("note", "[\"\"]", ""), Arguments.of("octet", "[-128]", (byte) -128),
				Arguments.of("octet", "[127]", (byte) 127), Arguments.of("letter", "[\"é\"]", 'é'),
				Arguments.of("names", "[[]]", List.of()), Arguments.of("names", "[[\"a\",\"b\"]]", List.of("a", "b")),
				Arguments.of("counts", "[{}]", Map.of()), Arguments.of("counts", "[{\"a\":1}]", Map.of("a", 1)),
				Arguments.of("line", "[{\"sku\":\"a\",\"quantity\":1}]", new Line("a", 1, null)),
				Arguments.of("optional", "[null]", Optional.empty()),
				Arguments.of("optional", "[\"a\"]", Optional.of("a")),
				Arguments.of("anything", "[1.50]", new BigDecimal("1.50")),
				Arguments.of("priority", "[\"HIGH\"]", Priority.HIGH));
	}

	/**
	 * Issue 10, item 9: {@code [[]]} ran a {@code LocalDate} task with {@code null} and
	 * {@code [[2026,11,27]]} with that date. A worker does not guess: every form that
	 * {@code docs/protocol.md} does not list for the declared type is refused, and the message
	 * names the task, the argument, the declared type and what the JSON carried.
	 */
	@ParameterizedTest(name = "{0} {1}")
	@CsvSource(delimiter = '|', textBlock = """
			day      | [[]]                          | array
			day      | [[2026,11,27]]                | array
			day      | [20419]                       | number
			day      | [""]                          | string
			day      | [" "]                         | string
			day      | ["2026-11-27T10:15:00"]       | string
			day      | ["2026-11-27T10:15:00Z"]      | string
			day      | [{}]                          | object
			at       | [1700000000]                  | number
			at       | [1.7E9]                       | number
			at       | [""]                          | string
			at       | ["2026-03-01T09:30:00"]       | string
			at       | [[2026,3,1,9,30]]             | array
			offset   | [1700000000]                  | number
			offset   | ["2026-03-01T09:30:00"]       | string
			dateTime | [[2026,11,27,10,15]]          | array
			dateTime | ["2026-11-27T10:15:00Z"]      | string
			dateTime | [""]                          | string
			duration | [300]                         | number
			duration | [""]                          | string
			duration | [[]]                          | array
			times    | [[],null,null,null,null,null,null,null,null,null,null,null] | array
			uuid     | [""]                          | string
			uuid     | [[]]                          | array
			count    | ["5"]                         | string
			count    | [""]                          | string
			count    | [1.0]                         | number
			count    | [1E3]                         | number
			count    | [[5]]                         | array
			boxed    | ["", null]                    | string
			boxed    | ["5", null]                   | string
			flag     | [1]                           | number
			flag     | [0]                           | number
			flag     | ["true"]                      | string
			flag     | [""]                          | string
			flagBox  | [""]                          | string
			flagBox  | ["false"]                     | string
			amount   | ["10.50"]                     | string
			amount   | [""]                          | string
			amount   | [[10.5]]                      | array
			big      | ["5"]                         | string
			big      | [1.5]                         | number
			ratio    | ["0.5"]                       | string
			ratio    | [""]                          | string
			ratio    | [true]                        | boolean
			octet    | [128]                         | number
			octet    | [255]                         | number
			octet    | [-129]                        | number
			letter   | [""]                          | string
			letter   | ["ab"]                        | string
			letter   | [65]                          | number
			note     | [5]                           | number
			note     | [true]                        | boolean
			note     | [["a"]]                       | array
			note     | [{}]                          | object
			names    | ["a"]                         | string
			names    | [""]                          | string
			names    | [{}]                          | object
			counts   | [[]]                          | array
			counts   | [""]                          | string
			counts   | [{"a":"1"}]                   | object
			line     | [[]]                          | array
			line     | [""]                          | string
			line     | ["sku-1"]                     | string
			line     | [{"sku":"a"}]                 | object
			line     | [{"sku":"a","quantity":null}] | object
			priority | [0]                           | number
			priority | ["high"]                      | string
			priority | [""]                          | string
			""")
	void refusesEveryFormTheProtocolDoesNotList(String task, String json, String carried) {
		assertThatExceptionOfType(ArgumentMismatchException.class).isThrownBy(() -> codec(task).decode(args(json)))
			.withMessageStartingWith("Task '" + task + "' expects argument ")
			.withMessageContaining(" of type ")
			.withMessageContaining("but the message carried a JSON " + carried);
	}

	@Test
	void namesThePositionAndTheDeclaredTypeOfTheRefusedArgument() {
		assertThatExceptionOfType(ArgumentMismatchException.class)
			.isThrownBy(() -> codec("schedule").decode(args("[\"2028-02-29\", 1700000000, \"LOW\"]")))
			.withMessageStartingWith("Task 'schedule' expects argument 2 (at) of type java.time.Instant but the message "
					+ "carried a JSON number");
	}

	@Test
	void encodesAResultByTheValueAndKnowsTheDeclaredResultType() {
		ArgumentCodec codec = codec("invoice");

		assertThat(codec.resultType().getRawClass()).isEqualTo(Invoice.class);
		assertThat(codec.arity()).isEqualTo(2);
		assertThat(codec.encodeResult(new BigDecimal("1.10")).decimalValue()).isEqualTo(new BigDecimal("1.10"));
	}

	/**
	 * Encodes, writes the job message, reads it back and decodes, as a producer and a worker
	 * would.
	 */
	private Object[] overTheWire(ArgumentCodec codec, Object... args) {
		JobEnvelope sent = JobEnvelope.first(JobIds.next(), "task", "default", codec.encode(args), Instant.now());
		JobEnvelope received = this.envelopes.decode(this.envelopes.encode(sent));
		return codec.decode(received.args());
	}

	private ArrayNode args(String json) {
		return (ArrayNode) this.mapper.readTree(json);
	}

	private ArgumentCodec codec(String methodName) {
		Method method = Arrays.stream(BillingTasks.class.getDeclaredMethods())
			.filter((candidate) -> candidate.getName().equals(methodName))
			.findFirst()
			.orElseThrow();
		return new ArgumentCodec(methodName, method, this.mapper);
	}

	enum Priority {

		LOW, HIGH

	}

	record Line(String sku, int quantity, BigDecimal unitPrice) {
	}

	record Order(String id, List<Line> lines, Priority priority, Instant placedAt) {
	}

	record Invoice(Order order, BigDecimal total) {
	}

	interface Marker {

	}

	static class Evil implements Marker {

		static final AtomicInteger created = new AtomicInteger();

		Evil() {
			created.incrementAndGet();
		}

	}

	static class BillingTasks {

		void notify(String user, @org.jspecify.annotations.Nullable String channel, Optional<Integer> retries) {
		}

		Invoice invoice(Order order, Map<String, BigDecimal> adjustments) {
			return null;
		}

		void amount(BigDecimal amount) {
		}

		void schedule(LocalDate day, Instant at, Priority priority) {
		}

		void primitives(int i, long l, double d, double big, boolean b, char c, byte bt, short s, float f) {
		}

		void boxed(Integer count, String note) {
		}

		int count(int n) {
			return n;
		}

		void line(Line line) {
		}

		void anything(Object payload) {
		}

		void list(List<Object> values) {
		}

		void marker(Marker marker) {
		}

		void day(LocalDate day) {
		}

		void at(Instant at) {
		}

		void offset(OffsetDateTime at) {
		}

		void dateTime(LocalDateTime at) {
		}

		void duration(Duration duration) {
		}

		void times(Duration duration, LocalDateTime dateTime, OffsetDateTime offsetDateTime, LocalTime time,
				OffsetTime offsetTime, ZonedDateTime zoned, Year year, YearMonth yearMonth, MonthDay monthDay,
				Period period, ZoneId zone, ZoneOffset offset) {
		}

		void others(UUID id, BigInteger big, byte[] bytes, Optional<String> optional, Set<String> set,
				Optional<Integer> empty) {
		}

		void uuid(UUID id) {
		}

		void flag(boolean flag) {
		}

		void flagBox(Boolean flag) {
		}

		void big(BigInteger big) {
		}

		void ratio(double ratio) {
		}

		void octet(byte octet) {
		}

		void letter(char letter) {
		}

		void note(String note) {
		}

		void names(List<String> names) {
		}

		void counts(Map<String, Integer> counts) {
		}

		void priority(Priority priority) {
		}

		void optional(Optional<String> value) {
		}

	}

}
