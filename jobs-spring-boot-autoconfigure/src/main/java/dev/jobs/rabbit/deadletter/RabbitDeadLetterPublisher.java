package dev.jobs.rabbit.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.jobs.core.port.DeadLetter;
import dev.jobs.core.port.DeadLetterPublisher;
import dev.jobs.core.port.MessageAttributes;
import dev.jobs.rabbit.topology.JobsTopology;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes dead letters to the topology's dead-letter queue: the original body unchanged, the
 * original message's id, correlation id, timestamp and application id, the
 * {@link DeadLetterHeaders}, persistent, mandatory, and confirmed before this returns. A letter
 * the broker cannot route (the dead-letter queue was deleted) is returned, and fails the publish,
 * so that the job it stands for is not acknowledged: without the mandatory flag the broker
 * would confirm it and drop it.
 */
public final class RabbitDeadLetterPublisher implements DeadLetterPublisher {

	private final RabbitTemplate template;

	private final JobsTopology topology;

	private final Duration confirmTimeout;

	/**
	 * A publisher through the given template.
	 * @param template a template on the publishing connection, with confirms and returns; it is
	 * made mandatory
	 * @param topology names the dead-letter exchange
	 * @param confirmTimeout how long a dead letter may wait for its confirm
	 */
	public RabbitDeadLetterPublisher(RabbitTemplate template, JobsTopology topology, Duration confirmTimeout) {
		template.setMandatory(true);
		this.template = template;
		this.topology = topology;
		this.confirmTimeout = confirmTimeout;
	}

	@Override
	public void publish(DeadLetter letter) {
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		MessageAttributes original = letter.original();
		// message-id is an AMQP short string; a job id that does not fit still travels in x-jobs-id
		if (original.messageId() != null) {
			properties.setMessageId(original.messageId());
		}
		else if (letter.jobId() != null && letter.jobId().getBytes(StandardCharsets.UTF_8).length <= 255) {
			properties.setMessageId(letter.jobId());
		}
		properties.setCorrelationId(original.correlationId());
		properties.setAppId(original.appId());
		if (original.timestamp() != null) {
			properties.setTimestamp(Date.from(original.timestamp()));
		}
		DeadLetterHeaders.of(letter).forEach(properties::setHeader);
		CorrelationData correlation = new CorrelationData();
		this.template.send(this.topology.deadLetterExchange(), JobsTopology.DEAD_LETTER_ROUTING_KEY,
				new Message(letter.body(), properties), correlation);
		awaitConfirm(letter, correlation);
	}

	private void awaitConfirm(DeadLetter letter, CorrelationData correlation) {
		try {
			CorrelationData.Confirm confirm = correlation.getFuture()
				.get(this.confirmTimeout.toNanos(), TimeUnit.NANOSECONDS);
			if (correlation.getReturned() != null) {
				throw new AmqpException("Dead letter for job " + letter.jobId() + " returned by RabbitMQ as"
						+ " unroutable (" + correlation.getReturned().getReplyText() + "): no queue is bound to exchange "
						+ this.topology.deadLetterExchange() + "; the job stays unacknowledged until dead-letter queue "
						+ this.topology.deadLetterQueue() + " is declared again (each new connection declares it)");
			}
			if (!confirm.ack()) {
				throw new AmqpException("Dead letter for job " + letter.jobId() + " refused by RabbitMQ ("
						+ confirm.reason() + "); the job stays unacknowledged");
			}
		}
		catch (TimeoutException | ExecutionException ex) {
			throw new AmqpException("Dead letter for job " + letter.jobId() + " not confirmed within "
					+ this.confirmTimeout + "; the job stays unacknowledged and will be redelivered", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AmqpException("Interrupted while publishing the dead letter for job " + letter.jobId(), ex);
		}
	}

}
