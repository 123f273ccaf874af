package dev.jobs.sample.mail;

import java.util.List;

import dev.jobs.BackgroundTask;
import dev.jobs.JobContext;
import dev.jobs.sample.order.Order;
import dev.jobs.sample.order.OrderRepository;

import org.springframework.stereotype.Service;

/**
 * Customer mail. Its methods are {@code void} background tasks: calling one on the injected
 * bean enqueues a job and returns at once; a worker runs the method later.
 */
@Service
public class MailTasks {

	private final FakeMailGateway gateway;

	private final OrderRepository orders;

	public MailTasks(FakeMailGateway gateway, OrderRepository orders) {
		this.gateway = gateway;
		this.orders = orders;
	}

	/**
	 * Sends the order confirmation. The job id is the mail's deduplication key, so a job
	 * delivered twice mails once.
	 * @param orderId the order to confirm
	 * @param email the customer's address
	 */
	@BackgroundTask(name = "send-confirmation-email")
	public void sendConfirmation(String orderId, String email) {
		Order order = this.orders.findById(orderId)
			.orElseThrow(() -> new IllegalStateException("No order '" + orderId + "' to confirm"));
		this.gateway.send(email, "Your order " + orderId + " is confirmed",
				"Thank you for your order of " + order.items().size() + " item(s), total " + order.total() + ".",
				JobContext.current().jobId());
	}

	/**
	 * Reminds the customer of an order, some time after it was placed: enqueued with a delay
	 * that waits in the broker, not in this application. Version 2 of the task: version 1 took
	 * one address, and its reminders may still wait in the delay levels when version 2 is
	 * deployed; {@link OrderReminderUpcaster} brings them to this signature before they run.
	 * @param orderId the order to remind of
	 * @param recipients the addresses to remind
	 */
	@BackgroundTask(name = "send-order-reminder", version = 2)
	public void sendReminder(String orderId, List<String> recipients) {
		Order order = this.orders.findById(orderId)
			.orElseThrow(() -> new IllegalStateException("No order '" + orderId + "' to remind of"));
		for (String recipient : recipients) {
			this.gateway.send(recipient, "Still thinking about order " + orderId + "?",
					"Your order of " + order.items().size() + " item(s), total " + order.total()
							+ ", is waiting for you.",
					JobContext.current().jobId() + ":" + recipient);
		}
	}

}
