package dev.jobs.rabbit.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.LongString;
import com.rabbitmq.client.impl.LongStringHelper;
import org.junit.jupiter.api.Test;

import dev.jobs.FailureReason;
import dev.jobs.core.envelope.JobCodecs;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.port.DeadLetter;
import dev.jobs.core.port.DeadLetterEntry;
import dev.jobs.core.port.MessageAttributes;
import dev.jobs.rabbit.topology.JobsTopology;
import dev.jobs.rabbit.topology.QueueType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading dead letters back, whoever wrote them. Headers are given as the RabbitMQ client
 * hands them over: strings as {@code LongString}, timestamps as {@link Date}.
 */
class DeadLetterReaderTests {

	private static final Instant FIRST = Instant.parse("2026-03-01T10:00:00Z");

	private static final Instant LAST = Instant.parse("2026-03-01T10:05:00Z");

	private final JobCodecs codecs = JobCodecs.create();

	private final DeadLetterReader reader = new DeadLetterReader(this.codecs.envelopes(),
			new JobsTopology(JobsTopology.DEFAULT_PREFIX, QueueType.QUORUM, List::of));

	private final JobEnvelope job = new JobEnvelope("job-1", "send-webhook", "critical",
			this.codecs.mapper().createArrayNode().add("https://example.com/hook").add(3), 4, FIRST, null, 2, null, FIRST, null);

	@Test
	void workerDeadLetterIsReadFromItsHeadersAndBody() {
		Map<String, Object> headers = asTheClientReadsThem(DeadLetterHeaders.of(DeadLetter.of(new byte[0], FailureReason.NOT_RETRYABLE, "critical", LAST)
			.job("job-1", "send-webhook")
			.attempts(4)
			.error("java.io.IOException", "connection reset", "java.io.IOException: connection reset\n\tat Hook.send")
			.firstFailedAt(FIRST)));

		DeadLetterEntry entry = read(headers, this.codecs.envelopes().encode(this.job), null);

		assertThat(entry).isEqualTo(new DeadLetterEntry("job-1", "send-webhook", "critical", this.job.args(), 4,
				"java.io.IOException", "connection reset", "java.io.IOException: connection reset\n\tat Hook.send",
				FIRST, LAST, FailureReason.NOT_RETRYABLE, 2, MessageAttributes.none(), 0));
	}

	@Test
	void firstFailureFallsBackToTheDeadLetteringTime() {
		Map<String, Object> headers = asTheClientReadsThem(DeadLetterHeaders.of(DeadLetter.of(new byte[0], FailureReason.NOT_RETRYABLE, "critical", LAST)
			.job("job-1", "send-webhook")
			.attempts(1)
			.error("E", "m", null)));
		headers.remove(DeadLetterReader.FIRST_FAILED_AT);

		DeadLetterEntry entry = read(headers, this.codecs.envelopes().encode(this.job), null);

		assertThat(entry.firstFailedAt()).isEqualTo(LAST);
		assertThat(entry.lastFailedAt()).isEqualTo(LAST);
	}

	@Test
	void brokerDeadLetterAtTheDeliveryLimitIsReadFromXDeathTheMessageIdAndTheBody() {
		Map<String, Object> death = new LinkedHashMap<>();
		death.put("reason", longString("delivery_limit"));
		death.put("count", 1L);
		death.put("queue", longString("jobs.critical"));
		death.put("time", Date.from(LAST));
		Map<String, Object> headers = new LinkedHashMap<>();
		headers.put("x-jobs-task", longString("send-webhook"));
		headers.put("x-death", List.of(death));

		DeadLetterEntry entry = read(headers, this.codecs.envelopes().encode(this.job), "job-1");

		assertThat(entry.reason()).isEqualTo(FailureReason.DELIVERY_LIMIT);
		assertThat(entry.jobId()).isEqualTo("job-1");
		assertThat(entry.task()).isEqualTo("send-webhook");
		assertThat(entry.queue()).isEqualTo("critical");
		assertThat(entry.args()).isEqualTo(this.job.args());
		assertThat(entry.attempts()).isEqualTo(4);
		assertThat(entry.errorType()).isNull();
		assertThat(entry.errorMessage()).contains("jobs.critical", "delivery limit");
		assertThat(entry.stackTrace()).isNull();
		assertThat(entry.firstFailedAt()).isEqualTo(LAST);
		assertThat(entry.lastFailedAt()).isEqualTo(LAST);
		assertThat(entry.replays()).isEqualTo(2);
	}

	@Test
	void unreadableBodyYieldsAnEntryWithoutArguments() {
		Map<String, Object> headers = asTheClientReadsThem(DeadLetterHeaders.of(DeadLetter.of(new byte[0], FailureReason.MALFORMED, "critical", LAST)
			.error("dev.jobs.core.envelope.MalformedJobException", "message body is not valid JSON", null)));

		DeadLetterEntry entry = read(headers, "{oops".getBytes(StandardCharsets.UTF_8), null);

		assertThat(entry.reason()).isEqualTo(FailureReason.MALFORMED);
		assertThat(entry.jobId()).isNull();
		assertThat(entry.task()).isNull();
		assertThat(entry.queue()).isEqualTo("critical");
		assertThat(entry.args()).isNull();
		assertThat(entry.replays()).isZero();
	}

	@Test
	void reasonOfANewerVersionIsReadAsUnknown() {
		Map<String, Object> headers = new LinkedHashMap<>();
		headers.put("x-jobs-reason", longString("SOMETHING_NEW"));

		assertThat(read(headers, this.codecs.envelopes().encode(this.job), null).reason()).isNull();
	}

	private DeadLetterEntry read(Map<String, Object> headers, byte[] body, String messageId) {
		AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().headers(headers)
			.messageId(messageId)
			.build();
		return this.reader.read(properties, body, 0).entry();
	}

	private static Map<String, Object> asTheClientReadsThem(Map<String, Object> written) {
		Map<String, Object> headers = new LinkedHashMap<>();
		written.forEach((name, value) -> headers.put(name, (value instanceof String text) ? longString(text) : value));
		return headers;
	}

	private static LongString longString(String text) {
		return LongStringHelper.asLongString(text);
	}

}
