package dev.jobs.core.envelope;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
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
		JobEnvelope sent = JobEnvelope.first(JobIds.next(), "task", "default", codec.encode(args), Instant.now(),
				null, null);
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

	}

}
