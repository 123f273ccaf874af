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
	 * Charges an order. The order id doubles as the provider's idempotency key, so a job
	 * delivered twice charges once.
	 * @param orderId the order to charge
	 * @param amount the amount to charge
	 * @return the provider's receipt
	 */
	@BackgroundTask(name = "charge-payment", queue = "critical")
	public PaymentReceipt charge(String orderId, BigDecimal amount) {
		return this.gateway.charge(orderId, amount, orderId);
	}

}
