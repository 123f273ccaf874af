package dev.jobs.sample.order;

import java.time.Instant;
import java.util.UUID;

import dev.jobs.JobHandle;
import dev.jobs.Jobs;
import dev.jobs.sample.mail.MailTasks;
import dev.jobs.sample.payment.PaymentReceipt;
import dev.jobs.sample.payment.PaymentTasks;

import org.springframework.stereotype.Service;

/**
 * Places orders. Placing one does no slow work itself:
 * <ol>
 * <li>enqueues the payment job, so an order is kept only once its charge is durably queued;
 * <li>stores the order with the payment job's id, by which its payment state is found later;
 * <li>enqueues the confirmation mail by calling the {@code void} task method on its bean,
 * which the jobs starter turns into an enqueue.
 * </ol>
 * If the broker cannot confirm the payment job, the enqueue throws and no order is stored.
 */
@Service
public class OrderService {

	private final Jobs jobs;

	private final MailTasks mailTasks;

	private final OrderRepository orders;

	public OrderService(Jobs jobs, MailTasks mailTasks, OrderRepository orders) {
		this.jobs = jobs;
		this.mailTasks = mailTasks;
		this.orders = orders;
	}

	/**
	 * Places an order and enqueues its payment and confirmation mail.
	 * @param request what the customer orders
	 * @return the stored order
	 */
	public Order place(NewOrder request) {
		String id = UUID.randomUUID().toString();
		JobHandle<PaymentReceipt> payment = this.jobs.enqueue(PaymentTasks::charge, id, request.total(),
				request.customerEmail());
		Order order = this.orders.save(new Order(id, request.customerEmail(), request.items(), request.total(),
				Instant.now(), payment.id()));
		this.mailTasks.sendConfirmation(id, request.customerEmail());
		return order;
	}

}
