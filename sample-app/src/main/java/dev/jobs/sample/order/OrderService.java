package dev.jobs.sample.order;

import java.time.Instant;
import java.util.UUID;

import dev.jobs.Jobs;
import dev.jobs.sample.mail.MailTasks;
import dev.jobs.sample.payment.PaymentReceipt;
import dev.jobs.sample.payment.PaymentTasks;
import dev.jobs.workflow.Signature;
import dev.jobs.workflow.WorkflowHandle;

import org.springframework.stereotype.Service;

import static dev.jobs.workflow.Workflows.chain;
import static dev.jobs.workflow.Workflows.sig;

/**
 * Places orders. Placing one does no slow work itself: it stores the order, then submits its
 * jobs as one workflow, a chain of the payment and then the confirmation mail, which RabbitMQ
 * accepts or refuses as a whole: the chain's first job is its only message, and the mail is
 * published by the worker once the charge has succeeded. So the client never hears "nothing was
 * done" after part of it was done: if the broker refuses the workflow, the order is removed and
 * the request fails with 503; once it is accepted, the charge and, after it, the mail will run.
 * The confirmation goes out only for an order that was charged.
 */
@Service
public class OrderService {

	private final Jobs jobs;

	private final OrderRepository orders;

	public OrderService(Jobs jobs, OrderRepository orders) {
		this.jobs = jobs;
		this.orders = orders;
	}

	/**
	 * Places an order and submits its payment and confirmation mail.
	 * @param request what the customer orders
	 * @return the stored order, with the id of its payment job
	 * @throws dev.jobs.JobsUnavailableException if the broker did not accept the jobs; the
	 * order is then not kept
	 */
	public Order place(NewOrder request) {
		String id = UUID.randomUUID().toString();
		// Stored first: the mail job reads the order, and may run before submit returns.
		Order order = this.orders.save(new Order(id, request.customerEmail(), request.items(), request.total(),
				Instant.now(), null));
		Signature<PaymentReceipt> charge = sig(PaymentTasks::charge, id, request.total(), request.customerEmail());
		WorkflowHandle<Void> placed;
		try {
			placed = this.jobs.submit(
					chain(charge, sig(MailTasks::sendConfirmation, id, request.customerEmail()).immutable()));
		}
		catch (RuntimeException ex) {
			this.orders.delete(id);
			throw ex;
		}
		return this.orders.save(order.withPaymentJob(placed.jobId(charge)));
	}

}
