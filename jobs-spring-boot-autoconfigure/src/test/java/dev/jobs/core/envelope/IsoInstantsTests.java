package dev.jobs.core.envelope;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The fast instant text must be the JDK's, character for character, both ways.
 */
class IsoInstantsTests {

	@Test
	void writesAndParsesExactlyAsTheJdkForRandomInstantsOfEveryPrecision() {
		SplittableRandom random = new SplittableRandom(42);
		List<Instant> instants = new ArrayList<>();
		for (int i = 0; i < 200_000; i++) {
			long seconds = random.nextLong(-62_167_219_200L - 1_000, 253_402_300_800L + 1_000);
			int nanos = switch (i % 4) {
				case 0 -> 0;
				case 1 -> random.nextInt(1_000) * 1_000_000;
				case 2 -> random.nextInt(1_000_000) * 1_000;
				default -> random.nextInt(1_000_000_000);
			};
			instants.add(Instant.ofEpochSecond(seconds, nanos));
		}

		List<String> written = written(instants);

		for (int i = 0; i < instants.size(); i++) {
			String text = instants.get(i).toString();
			assertThat(written.get(i)).isEqualTo(text);
			assertThat(IsoInstants.parse(text)).isEqualTo(instants.get(i));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-11-27T23:20:00Z", "2026-11-27T23:20:00.1Z", "2026-11-27T23:20:00.12345Z",
			"2024-02-29T00:00:00Z", "1970-01-01T00:00:00Z", "2026-11-27T23:20:00+01:00", "+12026-01-01T00:00:00Z",
			"2026-11-27t23:20:00z", "2026-12-31T23:59:60Z", "2026-11-27T24:00:00Z", "2026-11-27T23:20:00.Z",
			"2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-27T23:60:00Z", "2026-11-27T23:20:00.1234567890Z",
			"2026-1a-27T23:20:00Z", "2026-11-27 23:20:00Z", "2026-11-27T23:20:0aZ", "not an instant", "" })
	void agreesWithTheJdkOnEveryOtherText(String text) {
		Instant expected;
		try {
			expected = Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			assertThatExceptionOfType(DateTimeParseException.class).isThrownBy(() -> IsoInstants.parse(text));
			return;
		}
		assertThat(IsoInstants.parse(text)).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-11-27T23:20:00Z", "2026-11-27T23:20:00.120Z", "2026-11-28T00:00:00.000001Z",
			"1969-12-31T23:59:59.999999999Z", "0000-01-01T00:00:00Z", "-0001-12-31T23:59:59Z",
			"+10000-01-01T00:00:00Z" })
	void writesAJsonPropertyWithTheJdkText(String text) {
		Instant instant = Instant.parse(text);

		assertThat(written(List.of(instant))).containsExactly(instant.toString());
	}

	@Test
	void writesInstantsOfDifferentDaysOneAfterAnother() {
		Instant day = Instant.parse("2026-11-27T23:59:59.5Z");
		List<Instant> instants = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			instants.add(day.plusSeconds(i * 43_200L));
		}

		assertThat(written(instants)).containsExactlyElementsOf(instants.stream().map(Instant::toString).toList());
	}

	@Test
	void writesNoPropertyForAnAbsentInstant() {
		JsonMapper mapper = JobsJsonMapper.create();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (JsonGenerator json = mapper.createGenerator(bytes)) {
			json.writeStartObject();
			IsoInstants.writeProperty(json, "at", null);
			json.writeEndObject();
		}

		assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("{}");
	}

	/** The text {@link IsoInstants#writeProperty} gives each instant, all written into one JSON object. */
	private static List<String> written(List<Instant> instants) {
		JsonMapper mapper = JobsJsonMapper.create();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (JsonGenerator json = mapper.createGenerator(bytes)) {
			json.writeStartObject();
			for (int i = 0; i < instants.size(); i++) {
				IsoInstants.writeProperty(json, Integer.toString(i), instants.get(i));
			}
			json.writeEndObject();
		}
		JsonNode object = mapper.readTree(bytes.toByteArray());
		List<String> texts = new ArrayList<>();
		for (int i = 0; i < instants.size(); i++) {
			texts.add(object.get(Integer.toString(i)).asString());
		}
		return texts;
	}

}
