package dev.jobs.rabbit;

/**
 * How this instance consumes one job queue.
 *
 * @param name the job queue name
 * @param concurrency how many jobs of the queue run at once
 * @param prefetch how many unacknowledged jobs the broker may push ahead to this instance
 * @param deliveryLimit the queue's delivery limit, or 0 if it has none
 */
public record WorkerQueue(String name, int concurrency, int prefetch, int deliveryLimit) {

}
