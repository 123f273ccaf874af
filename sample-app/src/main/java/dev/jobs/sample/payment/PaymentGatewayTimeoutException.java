package dev.jobs.sample.payment;

/**
 * The payment provider did not answer in time. The charge may or may not have been taken,
 * so the job is retried with the same idempotency key, which returns the first receipt if it
 * was.
 */
public class PaymentGatewayTimeoutException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public PaymentGatewayTimeoutException(String orderId) {
		super("Payment provider did not answer within 30s for order " + orderId + "; the charge may have been taken");
	}

}
