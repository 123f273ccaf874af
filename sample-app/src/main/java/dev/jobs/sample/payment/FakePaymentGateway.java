package dev.jobs.sample.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * An in-process stand-in for a payment provider. Like a real one, it takes an idempotency
 * key: a second charge with the same key returns the first receipt instead of charging
 * again, which is what makes an at-least-once job safe to run twice.
 */
@Component
public class FakePaymentGateway {

	private static final Logger logger = LoggerFactory.getLogger(FakePaymentGateway.class);

	private final Map<String, PaymentReceipt> receiptsByKey = new ConcurrentHashMap<>();

	/**
	 * Charges an order, once per idempotency key.
	 * @param orderId the order to charge
	 * @param amount the amount
	 * @param idempotencyKey the key that makes a repeated charge return the first receipt
	 * @return the receipt of the charge
	 */
	public PaymentReceipt charge(String orderId, BigDecimal amount, String idempotencyKey) {
		return this.receiptsByKey.computeIfAbsent(idempotencyKey, (key) -> {
			PaymentReceipt receipt = new PaymentReceipt("pay_" + UUID.randomUUID().toString().replace("-", ""), orderId,
					amount, Instant.now());
			logger.info("Charged {} for order {} (receipt {})", amount, orderId, receipt.receiptId());
			return receipt;
		});
	}

}
