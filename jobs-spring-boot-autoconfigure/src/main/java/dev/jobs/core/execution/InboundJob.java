package dev.jobs.core.execution;

import java.util.concurrent.CompletableFuture;
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
 * @param abandonment told when the engine abandons the thread running this delivery at its hard
 * time limit, so the adapter frees the thread's slot once the delivery is settled
 */
public record InboundJob(byte[] body, String queue, boolean redelivered, long deliveryCount, int deliveryLimit,
		BooleanSupplier held, MessageAttributes attributes, Abandonment abandonment) {

	/**
	 * A delivery whose adapter does nothing more when its thread is abandoned.
	 * @param body the message body
	 * @param queue the job queue it was delivered from
	 * @param redelivered whether the broker delivered it before
	 * @param deliveryCount how many earlier deliveries of it went unsettled
	 * @param deliveryLimit the queue's delivery limit, or 0 if it has none
	 * @param held whether the worker still holds the delivery
	 * @param attributes the message's attributes
	 */
	public InboundJob(byte[] body, String queue, boolean redelivered, long deliveryCount, int deliveryLimit,
			BooleanSupplier held, MessageAttributes attributes) {
		this(body, queue, redelivered, deliveryCount, deliveryLimit, held, attributes, Abandonment.NONE);
	}

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

	/**
	 * What the broker adapter does when the engine gives up on the thread running a delivery (its
	 * task ignored the interrupt past its hard time limit): typically, once the delivery is
	 * settled, consume on a new thread, since the stuck one may never come back.
	 */
	@FunctionalInterface
	public interface Abandonment {

		/** Nothing more than settling the delivery. */
		Abandonment NONE = (settlement) -> {
		};

		/**
		 * The engine began settling an abandoned run's delivery.
		 * @param settlement completes once the delivery is settled, with how it ended
		 */
		void abandoned(CompletableFuture<Outcome> settlement);

	}

}
