package dev.jobs.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The value hints of {@code META-INF/additional-spring-configuration-metadata.json}, read from
 * the metadata the configuration processor generated for this module (into which it merges
 * them): each must name a property that exists, and a hint on an enum property must list every
 * constant, so that renaming a property or adding a constant cannot leave an IDE offering
 * values that no longer bind.
 */
class AdditionalConfigurationMetadataTests {

	private static final String GENERATED = "META-INF/spring-configuration-metadata.json";

	private static final String ADDITIONAL = "META-INF/additional-spring-configuration-metadata.json";

	private final JsonNode generated = read(GENERATED);

	private final JsonNode additional = read(ADDITIONAL);

	@Test
	void everyHintNamesAGeneratedProperty() {
		Map<String, JsonNode> properties = byName(this.generated.get("properties"));
		List<String> hinted = names(this.additional.get("hints"));
		assertThat(hinted).isNotEmpty();
		for (String name : hinted) {
			String property = name.replaceFirst("\\.(keys|values)$", "");
			assertThat(properties).as("hint %s", name).containsKey(property);
			if (!property.equals(name)) {
				assertThat(properties.get(property).get("type").asString()).as("type of %s", property)
					.startsWith("java.util.Map<");
			}
		}
	}

	@Test
	void generatedMetadataCarriesEveryHint() {
		// The processor merges the file only when javac runs: after an edit of the JSON alone,
		// an incremental build keeps the old metadata until "clean".
		assertThat(names(this.generated.get("hints"))).as("hints in the generated metadata (stale? build with clean)")
			.containsExactlyInAnyOrderElementsOf(names(this.additional.get("hints")));
	}

	@Test
	void hintOnAnEnumPropertyListsEveryConstantInItsBoundForm() throws ClassNotFoundException {
		Map<String, JsonNode> properties = byName(this.generated.get("properties"));
		int enums = 0;
		for (JsonNode hint : this.additional.get("hints")) {
			JsonNode property = properties.get(hint.get("name").asString());
			if (property == null) {
				continue;
			}
			Class<?> type = loadable(property.get("type").asString());
			if (type == null || !type.isEnum()) {
				continue;
			}
			enums++;
			List<String> constants = new ArrayList<>();
			for (Object constant : type.getEnumConstants()) {
				constants.add(((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'));
			}
			assertThat(values(hint)).as("values of %s", hint.get("name").asString())
				.containsExactlyElementsOf(constants);
		}
		assertThat(enums).as("hinted enum properties").isGreaterThanOrEqualTo(3);
	}

	@Test
	void everyHintedValueIsDescribed() {
		for (JsonNode hint : this.additional.get("hints")) {
			for (JsonNode value : hint.path("values")) {
				assertThat(value.path("description").asString("")).as("%s: %s", hint.get("name").asString(),
						value.get("value").asString())
					.isNotBlank();
			}
		}
	}

	@Test
	void classReferenceHintsTargetAThrowable() throws ClassNotFoundException {
		int references = 0;
		for (JsonNode hint : this.additional.get("hints")) {
			for (JsonNode provider : hint.path("providers")) {
				if (provider.get("name").asString().equals("class-reference")) {
					references++;
					Class<?> target = Class.forName(provider.get("parameters").get("target").asString());
					assertThat(Throwable.class).isAssignableFrom(target);
				}
			}
		}
		assertThat(references).isEqualTo(2);
	}

	private static List<String> values(JsonNode hint) {
		List<String> values = new ArrayList<>();
		hint.path("values").forEach((value) -> values.add(value.get("value").asString()));
		return values;
	}

	private static List<String> names(JsonNode items) {
		List<String> names = new ArrayList<>();
		items.forEach((item) -> names.add(item.get("name").asString()));
		return names;
	}

	private static Map<String, JsonNode> byName(JsonNode items) {
		Map<String, JsonNode> byName = new HashMap<>();
		items.forEach((item) -> byName.put(item.get("name").asString(), item));
		return byName;
	}

	private static Class<?> loadable(String type) {
		try {
			return Class.forName(type);
		}
		catch (ClassNotFoundException ex) {
			return null; // a generic type such as java.util.List<java.lang.String>
		}
	}

	/**
	 * Reads this module's copy of a metadata file: the test class path holds those of Spring
	 * Boot's jars too, under the same name.
	 */
	private static JsonNode read(String name) {
		try {
			for (URL url : Collections.list(AdditionalConfigurationMetadataTests.class.getClassLoader()
				.getResources(name))) {
				if (url.getProtocol().equals("file")) {
					try (InputStream in = url.openStream()) {
						return JsonMapper.builder().build().readTree(in);
					}
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + name, ex);
		}
		throw new IllegalStateException(name + " is not in this module's classes: build with the configuration processor");
	}

}
