package dev.jobs.rabbit;

import java.time.Instant;

import com.rabbitmq.client.AMQP;

import dev.jobs.core.port.MessageAttributes;

/**
 * Reads the {@link MessageAttributes} of an AMQP message from its properties, for the
 * deliveries of job queues and for the letters of the dead-letter queue alike.
 */
public final class RabbitMessageAttributes {

	private RabbitMessageAttributes() {
	}

	/**
	 * The attributes a message's properties carry.
	 * @param properties the message properties
	 * @return its message id, correlation id, timestamp and application id, each {@code null}
	 * where the message has none
	 */
	public static MessageAttributes read(AMQP.BasicProperties properties) {
		Instant timestamp = (properties.getTimestamp() != null) ? properties.getTimestamp().toInstant() : null;
		return new MessageAttributes(properties.getMessageId(), properties.getCorrelationId(), timestamp,
				properties.getAppId());
	}

}
