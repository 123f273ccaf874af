package dev.jobs.core.envelope;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The trace a job belongs to, as the propagation fields of the tracer that was current when it
 * was enqueued (W3C {@code traceparent} and {@code tracestate} with Spring Boot's defaults, B3
 * fields with another propagation). It travels in the job's body, so that every copy of the job
 * (each retry, the dead letter, an operator's replay) carries it, and each run of the job joins
 * the trace of the enqueue that created it.
 *
 * <p>It is advice, never a reason to refuse a job: fields that are not text, too many or too
 * long are dropped when a message is read.
 *
 * @param fields the propagation fields by name, in the order the tracer wrote them
 */
public record TraceContext(Map<String, String> fields) {

	/** How many fields a message may carry; W3C needs two, B3 at most five. */
	public static final int MAX_FIELDS = 8;

	/** The longest field name or value kept; a {@code traceparent} is 55 characters. */
	public static final int MAX_LENGTH = 512;

	/** No trace: the job was enqueued outside any, or by a producer that sends none. */
	public static final TraceContext NONE = new TraceContext(Map.of());

	/**
	 * Creates a {@code TraceContext}, copying its fields.
	 * @param fields the propagation fields by name
	 */
	public TraceContext {
		fields = Map.copyOf(fields);
	}

	/**
	 * The trace of the given fields, keeping only those that fit the limits.
	 * @param fields the fields a tracer wrote, or a message carried
	 * @return the trace, {@link #NONE} if no field fits
	 */
	public static TraceContext of(Map<String, String> fields) {
		Map<String, String> kept = new LinkedHashMap<>();
		fields.forEach((name, value) -> {
			if (kept.size() < MAX_FIELDS && fits(name) && fits(value)) {
				kept.put(name, value);
			}
		});
		return kept.isEmpty() ? NONE : new TraceContext(kept);
	}

	private static boolean fits(String text) {
		return text != null && !text.isEmpty() && text.length() <= MAX_LENGTH;
	}

	/**
	 * The trace's id, as an operator searches for it in a tracing backend: the second part of a
	 * W3C {@code traceparent} ({@code 00-<trace id>-<span id>-<flags>}), else B3's
	 * {@code X-B3-TraceId}, else the first part of a single {@code b3} field.
	 * @return the trace id, or {@code null} when no field names one
	 */
	public String traceId() {
		if (this.fields.isEmpty()) {
			return null;
		}
		String traceparent = this.fields.get("traceparent");
		if (traceparent != null) {
			String[] parts = traceparent.split("-");
			return (parts.length >= 3 && !parts[1].isEmpty()) ? parts[1] : null;
		}
		for (Map.Entry<String, String> field : this.fields.entrySet()) {
			if (field.getKey().equalsIgnoreCase("X-B3-TraceId")) {
				return field.getValue();
			}
		}
		String b3 = this.fields.get("b3");
		if (b3 != null && b3.indexOf('-') > 0) {
			return b3.substring(0, b3.indexOf('-'));
		}
		return null;
	}

	/**
	 * Whether the job carries a trace.
	 * @return {@code true} if there is at least one field
	 */
	public boolean isPresent() {
		return !this.fields.isEmpty();
	}

}
