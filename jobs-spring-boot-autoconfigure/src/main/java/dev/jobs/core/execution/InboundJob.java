package dev.jobs.core.execution;

/**
 * One delivery of a job message, as the broker adapter hands it to the engine.
 *
 * @param body the message body
 * @param queue the job queue it was delivered from
 * @param redelivered whether the broker delivered it before (a worker died or gave it back)
 */
public record InboundJob(byte[] body, String queue, boolean redelivered) {

}
