package dev.jobs.core.port;

/**
 * What a replay did.
 *
 * @param replayed entries published back to their job queue, confirmed, and removed from the
 * dead-letter queue
 * @param skipped matching entries left in the dead-letter queue: unreadable bodies, and jobs
 * the broker did not confirm or could not route
 */
public record ReplayResult(int replayed, int skipped) {

}
