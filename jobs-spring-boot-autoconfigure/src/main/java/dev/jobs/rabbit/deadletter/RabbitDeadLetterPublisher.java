package dev.jobs.rabbit.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.jobs.core.port.DeadLetter;
import dev.jobs.core.port.DeadLetterPublisher;
import dev.jobs.rabbit.topology.JobsTopology;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes dead letters to the topology's dead-letter queue: the original body unchanged, the
 * {@link DeadLetterHeaders}, persistent, and confirmed before this returns.
 */
public final class RabbitDeadLetterPublisher implements DeadLetterPublisher {

	private final RabbitTemplate template;

	private final JobsTopology topology;

	private final Duration confirmTimeout;

	/**
	 * A publisher through the given template.
	 * @param template a template on the publishing connection, with confirms and returns
	 * @param topology names the dead-letter exchange
	 * @param confirmTimeout how long a dead letter may wait for its confirm
	 */
	public RabbitDeadLetterPublisher(RabbitTemplate template, JobsTopology topology, Duration confirmTimeout) {
		this.template = template;
		this.topology = topology;
		this.confirmTimeout = confirmTimeout;
	}

	@Override
	public void publish(DeadLetter letter) {
		MessageProperties properties = new MessageProperties();
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		// message-id is an AMQP short string; an id that does not fit still travels in x-jobs-id
		if (letter.jobId() != null && letter.jobId().getBytes(StandardCharsets.UTF_8).length <= 255) {
			properties.setMessageId(letter.jobId());
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
			if (!confirm.ack() || correlation.getReturned() != null) {
				throw new AmqpException("Dead letter for job " + letter.jobId() + " not accepted by RabbitMQ: "
						+ (confirm.ack() ? "returned unroutable" : confirm.reason()));
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
