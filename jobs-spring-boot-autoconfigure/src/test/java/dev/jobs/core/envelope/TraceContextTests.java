package dev.jobs.core.envelope;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trace id a job's record and page show, read from the propagation fields of each format
 * Spring Boot's tracing writes.
 */
class TraceContextTests {

	@Test
	void w3cTraceIdIsTheSecondPartOfTheTraceparent() {
		TraceContext trace = TraceContext.of(Map.of("traceparent",
				"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "tracestate", "congo=t61rcWkgMzE"));

		assertThat(trace.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
	}

	@Test
	void b3MultiFieldTraceIdIsReadWhateverItsCase() {
		TraceContext trace = TraceContext.of(Map.of("x-b3-traceid", "80f198ee56343ba864fe8b2a57d3eff7",
				"x-b3-spanid", "e457b5a2e4d86bd1"));

		assertThat(trace.traceId()).isEqualTo("80f198ee56343ba864fe8b2a57d3eff7");
	}

	@Test
	void b3SingleFieldTraceIdIsItsFirstPart() {
		TraceContext trace = TraceContext.of(Map.of("b3", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1"));

		assertThat(trace.traceId()).isEqualTo("80f198ee56343ba864fe8b2a57d3eff7");
	}

	@Test
	void noTraceOrAMalformedTraceparentHasNoTraceId() {
		assertThat(TraceContext.NONE.traceId()).isNull();
		assertThat(TraceContext.of(Map.of("traceparent", "garbage")).traceId()).isNull();
	}

}
