package dev.jobs.rabbit.deadletter;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.AMQP;

import dev.jobs.FailureReason;
import dev.jobs.core.envelope.EnvelopeCodec;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.envelope.MalformedJobException;
import dev.jobs.core.port.DeadLetterEntry;
import dev.jobs.rabbit.RabbitMessageAttributes;
import dev.jobs.rabbit.topology.JobsTopology;

/**
 * Reads a message of the dead-letter queue back into a {@link DeadLetterEntry}, whoever put it
 * there:
 * <ul>
 * <li>a worker, which sets the {@link DeadLetterHeaders} and keeps the original body;</li>
 * <li>the broker, when a job queue's delivery limit was reached (a worker died or gave the
 * job back each time): no {@code x-jobs-*} failure headers, but the job's own headers
 * ({@code x-jobs-task}, the message id), the original body and an {@code x-death} record
 * naming the queue and the time.</li>
 * </ul>
 * Headers win over the body; the body fills in what headers lack. Nothing here throws on bad
 * input: an unreadable body yields an entry without arguments.
 */
final class DeadLetterReader {

	static final String FIRST_FAILED_AT = DeadLetterHeaders.FIRST_FAILED_AT;

	/** The broker's dead-lettering history, newest first. */
	private static final String X_DEATH = "x-death";

	private final EnvelopeCodec codec;

	private final JobsTopology topology;

	DeadLetterReader(EnvelopeCodec codec, JobsTopology topology) {
		this.codec = codec;
		this.topology = topology;
	}

	/**
	 * Reads one message.
	 * @param properties the message properties
	 * @param body the body
	 * @param position where it is in the queue, 0 for the head
	 * @return the entry and, when the body is a job, its envelope
	 */
	Read read(AMQP.BasicProperties properties, byte[] body, int position) {
		Map<String, Object> headers = (properties.getHeaders() != null) ? properties.getHeaders() : Map.of();
		JobEnvelope envelope = decode(body);
		Map<?, ?> death = latestDeath(headers);
		FailureReason reason = reason(headers, death);
		// Not the message id: a letter whose body is not a job has no job id, whatever its
		// producer called the message.
		String jobId = firstOf(text(headers, DeadLetterHeaders.JOB_ID), (envelope != null) ? envelope.id() : null);
		String task = firstOf(text(headers, DeadLetterHeaders.TASK), (envelope != null) ? envelope.task() : null);
		String queue = firstOf(text(headers, DeadLetterHeaders.QUEUE), jobQueue(death),
				(envelope != null) ? envelope.queue() : null);
		Number attempts = (headers.get(DeadLetterHeaders.ATTEMPTS) instanceof Number number) ? number
				: (envelope != null) ? envelope.attempt() : 0;
		Instant lastFailedAt = firstOf(instant(headers.get(DeadLetterHeaders.FAILED_AT)),
				(death != null) ? instant(death.get("time")) : null);
		Instant firstFailedAt = firstOf(instant(headers.get(FIRST_FAILED_AT)), lastFailedAt);
		String errorMessage = firstOf(text(headers, DeadLetterHeaders.ERROR_MESSAGE), brokerMessage(death));
		DeadLetterEntry entry = new DeadLetterEntry(jobId, task, queue, (envelope != null) ? envelope.args() : null,
				attempts.intValue(), text(headers, DeadLetterHeaders.ERROR_TYPE), errorMessage,
				text(headers, DeadLetterHeaders.STACK_TRACE), firstFailedAt, lastFailedAt, reason,
				(envelope != null) ? envelope.replays() : 0, RabbitMessageAttributes.read(properties), position);
		return new Read(entry, envelope);
	}

	private JobEnvelope decode(byte[] body) {
		try {
			return this.codec.decode(body);
		}
		catch (MalformedJobException ex) {
			return null;
		}
	}

	private static FailureReason reason(Map<String, Object> headers, Map<?, ?> death) {
		String name = text(headers, DeadLetterHeaders.REASON);
		if (name == null) {
			return (death != null && "delivery_limit".equals(String.valueOf(death.get("reason"))))
					? FailureReason.DELIVERY_LIMIT : null;
		}
		try {
			return FailureReason.valueOf(name);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static Map<?, ?> latestDeath(Map<String, Object> headers) {
		if (headers.get(X_DEATH) instanceof List<?> deaths && !deaths.isEmpty()
				&& deaths.get(0) instanceof Map<?, ?> death) {
			return death;
		}
		return null;
	}

	private String jobQueue(Map<?, ?> death) {
		if (death == null || death.get("queue") == null) {
			return null;
		}
		String brokerQueue = death.get("queue").toString();
		String jobQueue = this.topology.jobQueueOf(brokerQueue);
		return (jobQueue != null) ? jobQueue : brokerQueue;
	}

	private static String brokerMessage(Map<?, ?> death) {
		if (death == null) {
			return null;
		}
		String reason = String.valueOf(death.get("reason"));
		if ("delivery_limit".equals(reason)) {
			return "RabbitMQ dead-lettered the job from queue " + death.get("queue") + " after as many deliveries"
					+ " as the queue's delivery limit allows, none acknowledged: its worker died or was stopped"
					+ " while running it each time";
		}
		return "RabbitMQ dead-lettered the job from queue " + death.get("queue") + " (reason: " + reason + ")";
	}

	private static String text(Map<String, Object> headers, String name) {
		Object value = headers.get(name);
		return (value != null) ? value.toString() : null;
	}

	private static Instant instant(Object value) {
		if (value instanceof Date date) {
			return date.toInstant();
		}
		if (value == null) {
			return null;
		}
		try {
			return Instant.parse(value.toString());
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	@SafeVarargs
	private static <T> T firstOf(T... candidates) {
		for (T candidate : candidates) {
			if (candidate != null) {
				return candidate;
			}
		}
		return null;
	}

	/**
	 * A message read back.
	 *
	 * @param entry what an operator sees
	 * @param envelope the job, or {@code null} if the body is not one
	 */
	record Read(DeadLetterEntry entry, JobEnvelope envelope) {

	}

}
