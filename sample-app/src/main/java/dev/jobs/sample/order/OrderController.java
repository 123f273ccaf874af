package dev.jobs.sample.order;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.jobs.JobHandle;
import dev.jobs.JobOptions;
import dev.jobs.Jobs;
import dev.jobs.sample.mail.MailTasks;
import dev.jobs.sample.payment.PaymentReceipt;
import dev.jobs.sample.payment.PaymentTasks;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /api/orders}: places orders, shows them with their payment state, and schedules
 * reminder mails.
 */
@RestController
@RequestMapping("/api/orders")
public class OrderController {

	private final OrderService orderService;

	private final OrderRepository orders;

	private final Jobs jobs;

	public OrderController(OrderService orderService, OrderRepository orders, Jobs jobs) {
		this.orderService = orderService;
		this.orders = orders;
		this.jobs = jobs;
	}

	@PostMapping
	ResponseEntity<OrderPlaced> place(@RequestBody NewOrder request) {
		Order order = this.orderService.place(request);
		return ResponseEntity.created(URI.create("/api/orders/" + order.id()))
			.body(new OrderPlaced(order.id(), order.paymentJobId()));
	}

	@GetMapping("/{id}")
	OrderView get(@PathVariable String id) {
		Order order = find(id);
		if (order.paymentJobId() == null) {
			// Being placed: its jobs are on their way to the broker.
			return OrderView.placing(order);
		}
		return OrderView.of(order, this.jobs.handle(order.paymentJobId(), PaymentReceipt.class).snapshot());
	}

	/**
	 * Charges the order again, as a client that did not hear back might: the charge job is
	 * idempotent by order id, so the customer is charged once however often this is called, and
	 * every such job ends with the first charge's receipt.
	 * @param id the order
	 * @return {@code 202} with the new job's id
	 */
	@PostMapping("/{id}/charge")
	ResponseEntity<OrderPlaced> charge(@PathVariable String id) {
		Order order = find(id);
		JobHandle<PaymentReceipt> job = this.jobs.enqueue(PaymentTasks::charge, order.id(), order.total(),
				order.customerEmail());
		return ResponseEntity.accepted().location(URI.create("/api/jobs/" + job.id()))
			.body(new OrderPlaced(order.id(), job.id()));
	}

	@PostMapping("/{id}/reminder")
	ResponseEntity<ReminderScheduled> remind(@PathVariable String id, @RequestParam("in") Duration delay) {
		Order order = find(id);
		if (delay.isNegative() || delay.compareTo(JobOptions.MAX_DELAY) > 0) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "in must be zero or positive and at most "
					+ JobOptions.MAX_DELAY.toDays() + " days (" + JobOptions.MAX_DELAY + "), got " + delay);
		}
		Instant dueAt = Instant.now().plus(delay);
		JobHandle<Void> job = this.jobs.with(JobOptions.defaults().delay(delay))
			.enqueue(MailTasks::sendReminder, order.id(), List.of(order.customerEmail()));
		return ResponseEntity.accepted()
			.location(URI.create("/api/jobs/" + job.id()))
			.body(new ReminderScheduled(job.id(), dueAt));
	}

	private Order find(String id) {
		return this.orders.findById(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No order '" + id + "'"));
	}

}
