package dev.jobs.sample.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import dev.jobs.JobSnapshot;
import dev.jobs.JobStatus;
import dev.jobs.sample.payment.PaymentReceipt;

/**
 * An order as {@code GET /api/orders/{id}} shows it, with the state of its payment job.
 *
 * @param id the order id
 * @param customerEmail the customer's e-mail address
 * @param items the order lines
 * @param total the amount charged
 * @param placedAt when the order was placed
 * @param paymentJobId the id of the payment job
 * @param paymentStatus the payment job's status
 * @param receipt the payment receipt once the job has succeeded, otherwise {@code null}
 */
public record OrderView(String id, String customerEmail, List<LineItem> items, BigDecimal total, Instant placedAt,
		String paymentJobId, JobStatus paymentStatus, PaymentReceipt receipt) {

	static OrderView placing(Order order) {
		return new OrderView(order.id(), order.customerEmail(), order.items(), order.total(), order.placedAt(), null,
				JobStatus.PENDING, null);
	}

	static OrderView of(Order order, JobSnapshot<PaymentReceipt> payment) {
		return new OrderView(order.id(), order.customerEmail(), order.items(), order.total(), order.placedAt(),
				order.paymentJobId(), payment.status(), payment.result());
	}

}
