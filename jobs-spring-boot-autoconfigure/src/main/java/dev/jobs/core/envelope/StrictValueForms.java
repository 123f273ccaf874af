package dev.jobs.core.envelope;

import java.time.DateTimeException;
import java.time.Duration;
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
import java.util.function.Function;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.NumberDeserializers;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.ToStringSerializer;
import tools.jackson.databind.type.LogicalType;

/**
 * Deserializers that replace Jackson's own for the types whose own forms exceed what
 * {@code docs/protocol.md} lists, so that a worker binds only the listed forms.
 *
 * <p>Jackson's {@code java.time} deserializers also read arrays ({@code [2026,11,27]} as a
 * date, {@code []} as {@code null}), numbers (seconds or days since the epoch), a date-time
 * for a date, and an empty string as {@code null}; and an {@code OffsetDateTime} arrives moved
 * to UTC. Here every {@code java.time} value reads only from a JSON string, with the JDK's own
 * ISO-8601 parser for its type ({@link LocalDate#parse}, and for {@code Instant} the instants of
 * the message body, {@link IsoInstants}). Jackson's {@code byte} reads 128 to 255 as -128 to
 * -1; here it reads only -128 to 127. A {@code Year}, which Jackson writes as a number, is
 * written as its string ({@code "2026"}), like every other {@code java.time} value.
 */
final class StrictValueForms {

	private StrictValueForms() {
	}

	static SimpleModule module() {
		SimpleModule module = new SimpleModule("jobs-strict-value-forms");
		module.addDeserializer(java.time.Instant.class, new IsoText<>(java.time.Instant.class, IsoInstants::parse));
		module.addDeserializer(OffsetDateTime.class, new IsoText<>(OffsetDateTime.class, OffsetDateTime::parse));
		module.addDeserializer(ZonedDateTime.class, new IsoText<>(ZonedDateTime.class, ZonedDateTime::parse));
		module.addDeserializer(LocalDateTime.class, new IsoText<>(LocalDateTime.class, LocalDateTime::parse));
		module.addDeserializer(LocalDate.class, new IsoText<>(LocalDate.class, LocalDate::parse));
		module.addDeserializer(LocalTime.class, new IsoText<>(LocalTime.class, LocalTime::parse));
		module.addDeserializer(OffsetTime.class, new IsoText<>(OffsetTime.class, OffsetTime::parse));
		module.addDeserializer(Year.class, new IsoText<>(Year.class, Year::parse));
		// Jackson writes a Year as a number; as the one exception to the rule it would not read back.
		module.addSerializer(Year.class, ToStringSerializer.instance);
		module.addDeserializer(YearMonth.class, new IsoText<>(YearMonth.class, YearMonth::parse));
		module.addDeserializer(MonthDay.class, new IsoText<>(MonthDay.class, MonthDay::parse));
		module.addDeserializer(Duration.class, new IsoText<>(Duration.class, Duration::parse));
		module.addDeserializer(Period.class, new IsoText<>(Period.class, Period::parse));
		module.addDeserializer(ZoneId.class, new IsoText<>(ZoneId.class, ZoneId::of));
		module.addDeserializer(ZoneOffset.class, new IsoText<>(ZoneOffset.class, ZoneOffset::of));
		module.addDeserializer(Byte.TYPE, new SignedByte(Byte.TYPE, (byte) 0));
		module.addDeserializer(Byte.class, new SignedByte(Byte.class, null));
		return module;
	}

	/** A {@code java.time} value from a JSON string, by its type's own parser. */
	private static final class IsoText<T> extends StdScalarDeserializer<T> {

		private final Function<String, T> parser;

		IsoText(Class<T> type, Function<String, T> parser) {
			super(type);
			this.parser = parser;
		}

		@Override
		@SuppressWarnings("unchecked")
		public T deserialize(JsonParser json, DeserializationContext context) {
			if (!json.hasToken(JsonToken.VALUE_STRING)) {
				return (T) context.handleUnexpectedToken(handledType(), json);
			}
			String text = json.getString();
			try {
				return this.parser.apply(text);
			}
			catch (DateTimeException ex) {
				return (T) context.handleWeirdStringValue(handledType(), text, "not an ISO-8601 %s (%s)",
						handledType().getSimpleName(), ex.getMessage());
			}
		}

		@Override
		public LogicalType logicalType() {
			return LogicalType.DateTime;
		}

	}

	/** Jackson's {@code byte}, without its reading of 128 to 255 as negative bytes. */
	private static final class SignedByte extends NumberDeserializers.ByteDeserializer {

		SignedByte(Class<Byte> type, Byte nullValue) {
			super(type, nullValue);
		}

		@Override
		public Byte deserialize(JsonParser json, DeserializationContext context) {
			if (json.hasToken(JsonToken.VALUE_NUMBER_INT)
					&& (json.getNumberType() != JsonParser.NumberType.INT || json.getIntValue() < Byte.MIN_VALUE
							|| json.getIntValue() > Byte.MAX_VALUE)) {
				return (Byte) context.handleWeirdNumberValue(handledType(), json.getNumberValue(),
						"out of range of byte (-128 to 127)");
			}
			return super.deserialize(json, context);
		}

	}

}
