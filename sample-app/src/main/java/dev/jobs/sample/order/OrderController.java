package dev.jobs.sample.order;

import java.net.URI;

import dev.jobs.Jobs;
import dev.jobs.sample.payment.PaymentReceipt;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /api/orders}: places orders and shows them with their payment state.
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
		Order order = this.orders.findById(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No order '" + id + "'"));
		return OrderView.of(order, this.jobs.handle(order.paymentJobId(), PaymentReceipt.class).snapshot());
	}

}
