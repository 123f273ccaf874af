package dev.jobs.sample.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A placed order. Its payment state is not kept here: it is the state of the payment job,
 * read from the job store when someone asks.
 *
 * @param id the order id
 * @param customerEmail the customer's e-mail address
 * @param items the order lines
 * @param total the amount charged
 * @param placedAt when the order was placed
 * @param paymentJobId the id of the job that charges the payment; {@code null} for the moment
 * between storing the order and the broker accepting its jobs
 */
public record Order(String id, String customerEmail, List<LineItem> items, BigDecimal total, Instant placedAt,
		String paymentJobId) {

	/**
	 * This order, charged by the given job.
	 * @param jobId the payment job's id
	 * @return the order with its payment job
	 */
	public Order withPaymentJob(String jobId) {
		return new Order(this.id, this.customerEmail, this.items, this.total, this.placedAt, jobId);
	}

}
