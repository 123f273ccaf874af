package dev.jobs.sample.order;

import java.time.Instant;

/**
 * The answer to {@code POST /api/orders/{id}/reminder}.
 *
 * @param jobId the id of the reminder mail's job, for {@code GET /api/jobs/{id}}; it reads
 * {@code PENDING} until the job is due
 * @param dueAt about when the reminder is sent
 */
public record ReminderScheduled(String jobId, Instant dueAt) {

}
