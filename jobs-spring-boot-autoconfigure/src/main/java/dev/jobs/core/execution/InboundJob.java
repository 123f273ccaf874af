package dev.jobs.core.execution;

/**
 * One delivery of a job message, as the broker adapter hands it to the engine.
 *
 * @param body the message body
 * @param queue the job queue it was delivered from
 * @param redelivered whether the broker delivered it before (a worker died or gave it back)
 * @param deliveryCount how many earlier deliveries of it went unsettled, as the broker counts
 * @param deliveryLimit the queue's delivery limit, or 0 if it has none
 */
public record InboundJob(byte[] body, String queue, boolean redelivered, long deliveryCount, int deliveryLimit) {

	/**
	 * Whether this is the last delivery the broker will make before it dead-letters the message
	 * on its own, without a reason or a result record.
	 * @return {@code true} at the delivery limit
	 */
	public boolean isLastDelivery() {
		return this.deliveryLimit > 0 && this.deliveryCount >= this.deliveryLimit;
	}

}
