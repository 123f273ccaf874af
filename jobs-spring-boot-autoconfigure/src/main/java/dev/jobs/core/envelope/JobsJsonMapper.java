package dev.jobs.core.envelope;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the JSON mapper for job arguments, results and envelopes.
 *
 * <p>It is deliberately not the application's mapper: the wire format must not change when
 * the application changes its web JSON settings, and must never carry type information.
 * Numbers keep their exact value through a JSON tree ({@code BigDecimal} keeps its scale),
 * since arguments are parsed into a tree before they are bound to parameter types.
 */
public final class JobsJsonMapper {

	private JobsJsonMapper() {
	}

	/**
	 * A new mapper with the job wire settings.
	 * @return the mapper
	 */
	public static JsonMapper create() {
		return JsonMapper.builder()
			.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
			.disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
			.build();
	}

}
