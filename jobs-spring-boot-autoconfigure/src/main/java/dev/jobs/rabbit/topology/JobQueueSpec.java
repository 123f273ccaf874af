package dev.jobs.rabbit.topology;

/**
 * How one job queue is declared in RabbitMQ.
 *
 * @param name the job queue name, as tasks and options name it
 * @param type the queue type
 * @param deliveryLimit for quorum queues, how many times a message is delivered before the
 * broker dead-letters it instead of delivering it again
 * @param maxPriority for classic queues, the highest message priority, or 0 for none
 */
public record JobQueueSpec(String name, QueueType type, int deliveryLimit, int maxPriority) {

}
