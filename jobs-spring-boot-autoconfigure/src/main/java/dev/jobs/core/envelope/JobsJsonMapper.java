package dev.jobs.core.envelope;

import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the JSON mapper for job arguments, results and envelopes.
 *
 * <p>It is deliberately not the application's mapper: the wire format must not change when
 * the application changes its web JSON settings, and must never carry type information.
 * Numbers keep their exact value through a JSON tree ({@code BigDecimal} keeps its scale),
 * since arguments are parsed into a tree before they are bound to parameter types. Its parsers
 * and generators take their buffers from a {@link PerThreadRecyclerPool}.
 */
public final class JobsJsonMapper {

	private JobsJsonMapper() {
	}

	/**
	 * A new mapper with the job wire settings.
	 * @return the mapper
	 */
	public static JsonMapper create() {
		return JsonMapper.builder(JsonFactory.builder().recyclerPool(new PerThreadRecyclerPool()).build())
			.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
			.disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
			// A value of the wrong JSON type is a wrong argument, not something to guess at:
			// 1.9 is not an int, 3 is not an enum constant, true is not a string.
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
			.withCoercionConfig(LogicalType.Textual, (config) -> config.setCoercion(CoercionInputShape.Integer,
					CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.build();
	}

}
