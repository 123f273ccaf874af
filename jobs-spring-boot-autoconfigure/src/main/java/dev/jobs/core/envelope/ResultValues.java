package dev.jobs.core.envelope;

import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a stored result back as the type its task (or workflow) declared, for the handles.
 */
public final class ResultValues {

	private ResultValues() {
	}

	/**
	 * A result as its declared type.
	 * @param mapper the job JSON mapper
	 * @param type the declared result type
	 * @param result the stored JSON, or {@code null}
	 * @param <T> the result type
	 * @return the value, {@code null} for a {@code void} task or a JSON {@code null}
	 */
	public static <T> T decode(JsonMapper mapper, JavaType type, JsonNode result) {
		if (result == null || result.isNull() || type.hasRawClass(void.class) || type.hasRawClass(Void.class)) {
			return null;
		}
		return mapper.readerFor(type).readValue(result);
	}

}
