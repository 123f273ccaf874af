package dev.jobs.sample.payment;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Proof of a charge, as the payment provider returns it: the result of the
 * {@code charge-payment} job.
 *
 * @param receiptId the provider's id for the charge
 * @param orderId the order charged
 * @param amount the amount charged
 * @param chargedAt when the provider took the charge
 */
public record PaymentReceipt(String receiptId, String orderId, BigDecimal amount, Instant chargedAt) {

}
