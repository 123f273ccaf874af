package dev.jobs.sample.webhook;

import java.net.URI;
import java.time.Instant;

/**
 * A webhook the receiver accepted: the result of the {@code send-webhook} job.
 *
 * @param url where it was delivered
 * @param status the receiver's HTTP status
 * @param attempt the attempt that got through, 1 for the first
 * @param deliveredAt when the receiver accepted it
 */
public record WebhookDelivery(URI url, int status, int attempt, Instant deliveredAt) {

}
