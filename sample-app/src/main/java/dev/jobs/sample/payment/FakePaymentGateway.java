package dev.jobs.sample.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * An in-process stand-in for a payment provider. Like a real one, it takes an idempotency
 * key: a second charge with the same key returns the first receipt instead of charging
 * again, which is what makes an at-least-once job safe to run twice.
 *
 * <p>To show what the {@code payment} retry policy does, it misbehaves on cue:
 * <ul>
 * <li>it declines an amount above {@code sample.payment.decline-above} (10,000 unless set)
 * and any customer whose e-mail address contains {@code decline}, with
 * {@link PaymentDeclinedException}, which is never retried;
 * <li>for a customer whose e-mail address contains {@code flaky}, it takes the first charge
 * of each idempotency key but times out before answering, with
 * {@link PaymentGatewayTimeoutException}; the retry with the same key gets the receipt of
 * that first charge, and the customer is charged once.
 * </ul>
 */
@Component
public class FakePaymentGateway {

	private static final Logger logger = LoggerFactory.getLogger(FakePaymentGateway.class);

	private final BigDecimal declineAbove;

	private final Map<String, PaymentReceipt> receiptsByKey = new ConcurrentHashMap<>();

	private final Set<String> timedOutKeys = ConcurrentHashMap.newKeySet();

	public FakePaymentGateway(@Value("${sample.payment.decline-above:10000}") BigDecimal declineAbove) {
		this.declineAbove = declineAbove;
	}

	/**
	 * Charges an order, once per idempotency key.
	 * @param orderId the order to charge
	 * @param amount the amount
	 * @param customerEmail the customer's e-mail address
	 * @param idempotencyKey the key that makes a repeated charge return the first receipt
	 * @return the receipt of the charge
	 * @throws PaymentDeclinedException if the provider refuses the charge
	 * @throws PaymentGatewayTimeoutException if the provider does not answer
	 */
	public PaymentReceipt charge(String orderId, BigDecimal amount, String customerEmail, String idempotencyKey) {
		if (amount.compareTo(this.declineAbove) > 0) {
			throw new PaymentDeclinedException(orderId, amount, "amount above the card's limit of " + this.declineAbove);
		}
		if (customerEmail.contains("decline")) {
			throw new PaymentDeclinedException(orderId, amount, "card reported stolen");
		}
		PaymentReceipt receipt = this.receiptsByKey.computeIfAbsent(idempotencyKey, (key) -> {
			PaymentReceipt charged = new PaymentReceipt("pay_" + UUID.randomUUID().toString().replace("-", ""),
					orderId, amount, Instant.now());
			logger.info("Charged {} for order {} (receipt {})", amount, orderId, charged.receiptId());
			return charged;
		});
		if (customerEmail.contains("flaky") && this.timedOutKeys.add(idempotencyKey)) {
			throw new PaymentGatewayTimeoutException(orderId);
		}
		return receipt;
	}

}
