package dev.jobs.sample.payment;

import java.math.BigDecimal;

/**
 * The payment provider refused a charge. Trying again cannot change its answer, so the
 * {@code payment} retry policy lists this type under {@code no-retry-on}: the job fails at
 * once and goes to the dead-letter queue.
 */
public class PaymentDeclinedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public PaymentDeclinedException(String orderId, BigDecimal amount, String reason) {
		super("Charge of " + amount + " for order " + orderId + " declined: " + reason);
	}

}
