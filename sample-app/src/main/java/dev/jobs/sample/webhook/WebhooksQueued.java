package dev.jobs.sample.webhook;

import java.util.List;

/**
 * The answer to {@code POST /api/webhooks/broadcast}.
 *
 * @param jobIds the ids of the jobs that deliver the webhooks, in the order of the URLs
 */
public record WebhooksQueued(List<String> jobIds) {
}
