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
 * @param paymentJobId the id of the job that charges the payment
 */
public record Order(String id, String customerEmail, List<LineItem> items, BigDecimal total, Instant placedAt,
		String paymentJobId) {

}
