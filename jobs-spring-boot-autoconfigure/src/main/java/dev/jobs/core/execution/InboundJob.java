package dev.jobs.core.execution;

import java.util.function.BooleanSupplier;

import dev.jobs.core.port.MessageAttributes;

/**
 * One delivery of a job message, as the broker adapter hands it to the engine.
 *
 * @param body the message body
 * @param queue the job queue it was delivered from
 * @param redelivered whether the broker delivered it before (a worker died or gave it back)
 * @param deliveryCount how many earlier deliveries of it went unsettled, as the broker counts
 * @param deliveryLimit the queue's delivery limit, or 0 if it has none
 * @param held whether the worker still holds the delivery, so that settling it still matters:
 * false once its channel closed and the broker took it back
 * @param attributes the message's id, correlation id, timestamp and application id, kept on its
 * dead letter
 */
public record InboundJob(byte[] body, String queue, boolean redelivered, long deliveryCount, int deliveryLimit,
		BooleanSupplier held, MessageAttributes attributes) {

	/**
	 * A delivery held for as long as it is being settled, of a message without attributes.
	 * @param body the message body
	 * @param queue the job queue it was delivered from
	 * @param redelivered whether the broker delivered it before
	 * @param deliveryCount how many earlier deliveries of it went unsettled
	 * @param deliveryLimit the queue's delivery limit, or 0 if it has none
	 */
	public InboundJob(byte[] body, String queue, boolean redelivered, long deliveryCount, int deliveryLimit) {
		this(body, queue, redelivered, deliveryCount, deliveryLimit, () -> true, MessageAttributes.none());
	}

	/**
	 * Whether this is the last delivery the broker will make before it dead-letters the message
	 * on its own, without a reason or a result record.
	 * @return {@code true} at the delivery limit
	 */
	public boolean isLastDelivery() {
		return this.deliveryLimit > 0 && this.deliveryCount >= this.deliveryLimit;
	}

}
