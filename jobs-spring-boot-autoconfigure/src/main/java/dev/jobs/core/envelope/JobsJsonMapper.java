package dev.jobs.core.envelope;

import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Builds the JSON mapper for job arguments, results and envelopes.
 *
 * <p>It is deliberately not the application's mapper: the wire format must not change when
 * the application changes its web JSON settings, and must never carry type information.
 * Numbers keep their exact value through a JSON tree ({@code BigDecimal} keeps its scale),
 * since arguments are parsed into a tree before they are bound to parameter types. Its parsers
 * and generators take their buffers from a {@link PerThreadRecyclerPool}.
 *
 * <p>It has no default typing, and its {@linkplain ClassNameTypeIds#validator() type validator}
 * denies every class-name type id, so no JSON it reads (message, result or record) names a class
 * to instantiate; {@code @JsonTypeInfo(use = Id.NAME)} with declared subtypes still works.
 *
 * <p>A value binds only from the JSON forms {@code docs/protocol.md} (section 5) lists for its
 * declared type, at any depth; a worker does not guess what a mismatched value was meant to be:
 * <ol>
 * <li>Jackson's coercions, from one JSON shape to a type that has another, are all refused
 * ({@link CoercionAction#Fail} for every input shape and type): no numeric string for a
 * number, no number or string for a boolean, no number or boolean for a string, no empty
 * string, empty array or single-element array read as {@code null} or as its element. The one
 * exception is an integer for a floating-point type ({@code 5} for a {@code double} or a
 * {@code BigDecimal}), since JSON does not tell the two apart.</li>
 * <li>Features refuse what coercion configuration does not reach: a fraction for an integer
 * type ({@code 1.9}, {@code 1.0}) and a number for an enum.</li>
 * <li>{@link StrictValueForms} replaces the deserializers whose own forms exceed the
 * protocol: every {@code java.time} type reads only from its ISO-8601 string, and a
 * {@code byte} only from -128 to 127.</li>
 * </ol>
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
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
			// A ZonedDateTime keeps its region (Europe/Paris), not only its offset.
			.enable(DateTimeFeature.WRITE_DATES_WITH_ZONE_ID)
			.withCoercionConfigDefaults((config) -> {
				for (CoercionInputShape shape : CoercionInputShape.values()) {
					config.setCoercion(shape, CoercionAction.Fail);
				}
			})
			.withCoercionConfig(LogicalType.Float,
					(config) -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert))
			.addModule(StrictValueForms.module())
			.polymorphicTypeValidator(ClassNameTypeIds.validator())
			.build();
	}

}
