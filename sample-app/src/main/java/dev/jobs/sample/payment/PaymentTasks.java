package dev.jobs.sample.payment;

import java.math.BigDecimal;

import dev.jobs.BackgroundTask;

import org.springframework.stereotype.Service;

/**
 * Payment work that runs on a worker, never on the request thread.
 */
@Service
public class PaymentTasks {

	private final FakePaymentGateway gateway;

	public PaymentTasks(FakePaymentGateway gateway) {
		this.gateway = gateway;
	}

	/**
	 * Charges an order, once per order: the order id is the job's idempotency key, so a second
	 * charge job of the same order (a redelivery, or {@code POST /api/orders/{id}/charge} asked
	 * twice) does not run and ends with the first charge's receipt. The order id also goes to
	 * the provider as its own idempotency key. Failures follow the {@code payment} retry policy:
	 * a timeout is retried after 10 s, 60 s and 300 s, a decline never.
	 * @param orderId the order to charge
	 * @param amount the amount to charge
	 * @param customerEmail the customer's e-mail address, which the provider checks
	 * @return the provider's receipt
	 */
	@BackgroundTask(name = "charge-payment", queue = "critical", retry = "payment", idempotencyKey = "#orderId")
	public PaymentReceipt charge(String orderId, BigDecimal amount, String customerEmail) {
		return this.gateway.charge(orderId, amount, customerEmail, orderId);
	}

}
