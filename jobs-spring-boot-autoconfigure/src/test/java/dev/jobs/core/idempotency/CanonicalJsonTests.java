package dev.jobs.core.idempotency;

import org.junit.jupiter.api.Test;

import dev.jobs.core.envelope.JobsJsonMapper;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The canonical text is the contract other languages follow to compute the same key
 * ({@code docs/protocol.md}, "Idempotency keys"): these are its rules, one example each.
 */
class CanonicalJsonTests {

	private final JsonMapper mapper = JsonMapper.builder().build();

	@Test
	void membersAreSortedAndWhitespaceIsDropped() {
		assertThat(canonical("{ \"b\": 1, \"a\": [ true, null, {\"d\": 1, \"c\": 2} ] }"))
			.isEqualTo("{\"a\":[true,null,{\"c\":2,\"d\":1}],\"b\":1}");
	}

	@Test
	void numbersArePlainExactDecimalsWithoutTrailingZeros() {
		assertThat(canonical("[1.50, 15e-1, 1.0, 1, -0, 1e2, 0.000001, 12345678901234567890]"))
			.isEqualTo("[1.5,1.5,1,1,0,100,0.000001,12345678901234567890]");
	}

	@Test
	void stringsUseTheFewestEscapes() {
		assertThat(canonical("[\"a\\\"b\\\\c\\u00e9\\/\\n\\u0001\"]")).isEqualTo("[\"a\\\"b\\\\cé/\\n\\u0001\"]");
	}

	@Test
	void equalArgumentsInAnyFormHaveOneKey() {
		String key = CanonicalJson.sha256(JobsJsonMapper.create().readTree("[{\"id\":42,\"total\":19.90}]"));

		assertThat(CanonicalJson.sha256(JobsJsonMapper.create().readTree("[ {\"total\": 1.99e1, \"id\": 42.0} ]")))
			.isEqualTo(key)
			.hasSize(64)
			.matches("[0-9a-f]+");
		assertThat(CanonicalJson.sha256(JobsJsonMapper.create().readTree("[{\"id\":43,\"total\":19.90}]")))
			.isNotEqualTo(key);
	}

	private String canonical(String json) {
		return CanonicalJson.write(this.mapper.readTree(json));
	}

}
