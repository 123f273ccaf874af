package dev.jobs.sample.webhook;

/**
 * The answer to {@code POST /api/webhooks}.
 *
 * @param jobId the id of the job that delivers the webhook, for {@code GET /api/jobs/{id}}
 */
public record WebhookQueued(String jobId) {

}
