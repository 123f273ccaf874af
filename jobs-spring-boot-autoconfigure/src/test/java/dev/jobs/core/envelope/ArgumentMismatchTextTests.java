package dev.jobs.core.envelope;

import java.lang.reflect.Method;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The error of an argument that does not fit is stored in the job's record, in its dead letter's
 * headers (message and stack trace) and in the log. An argument may be a secret, so that error
 * names the parameter, the declared type and the JSON type the message carried, and never the
 * value, not even through a cause.
 */
class ArgumentMismatchTextTests {

	private static final String SECRET = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";

	private final JsonMapper mapper = JobsJsonMapper.create();

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			charge   | ["sk_live_4eC39HqLyjWDarjtT1zdp7dc", "x"]                       | 1 (cents) of type long but the message carried a JSON string
			charge   | [5, {"token": "sk_live_4eC39HqLyjWDarjtT1zdp7dc"}]               | 2 (token) of type java.lang.String but the message carried a JSON object
			card     | [{"number": "sk_live_4eC39HqLyjWDarjtT1zdp7dc", "cvc": 1}]       | 1 (card) of type dev.jobs.core.envelope.ArgumentMismatchTextTests$Card but the message carried a JSON object (at .number, expecting int)
			at       | ["sk_live_4eC39HqLyjWDarjtT1zdp7dc"]                            | 1 (at) of type java.time.Instant but the message carried a JSON string
			headers  | [{"sk_live_4eC39HqLyjWDarjtT1zdp7dc": "sk_live_4eC39HqLyjWDarjtT1zdp7dc"}] | 1 (headers) of type java.util.Map<java.lang.String,java.lang.Integer> but the message carried a JSON object (at {…}, expecting java.lang.Integer)
			tokens   | [[1, 2, "sk_live_4eC39HqLyjWDarjtT1zdp7dc"]]                    | 1 (tokens) of type java.util.List<java.lang.Long> but the message carried a JSON array (at [2], expecting java.lang.Long)
			""")
	void refusedArgumentIsNamedByPositionNameAndTypesWithoutItsValue(String task, String json, String expected) {
		ArgumentMismatchException error = catchThrowableOfType(ArgumentMismatchException.class,
				() -> codec(task).decode((ArrayNode) this.mapper.readTree(json)));

		assertThat(error).hasMessage("Task '" + task + "' expects argument " + expected
				+ "; dead-lettered (reason: ARGUMENT_TYPE)");
		assertThat(error).hasNoCause();
		assertThat(FailureText.stackTrace(error)).doesNotContain(SECRET).doesNotContain("sk_live");
	}

	@Test
	void nullForAPrimitiveNamesTheParameterWithoutAValue() {
		ArgumentMismatchException error = catchThrowableOfType(ArgumentMismatchException.class,
				() -> codec("charge").decode((ArrayNode) this.mapper.readTree("[null, \"" + SECRET + "\"]")));

		assertThat(error).hasMessage("Task 'charge' expects argument 1 (cents) of type long but the message carried a"
				+ " JSON null; dead-lettered (reason: ARGUMENT_TYPE)");
		assertThat(FailureText.stackTrace(error)).doesNotContain(SECRET);
	}

	@Test
	void wrongCountNamesBothCountsOnly() {
		ArgumentMismatchException error = catchThrowableOfType(ArgumentMismatchException.class,
				() -> codec("at").decode((ArrayNode) this.mapper.readTree("[\"" + SECRET + "\", 1]")));

		assertThat(error.getMessage()).doesNotContain(SECRET).contains("takes 1 argument(s)").contains("carried 2");
	}

	private ArgumentCodec codec(String methodName) {
		Method method = Arrays.stream(PaymentTasks.class.getDeclaredMethods())
			.filter((candidate) -> candidate.getName().equals(methodName))
			.findFirst()
			.orElseThrow();
		return new ArgumentCodec(methodName, method, this.mapper);
	}

	record Card(int number, int cvc) {
	}

	static class PaymentTasks {

		void charge(long cents, String token) {
		}

		void card(Card card) {
		}

		void at(Instant at) {
		}

		void headers(Map<String, Integer> headers) {
		}

		void tokens(List<Long> tokens) {
		}

	}

}
