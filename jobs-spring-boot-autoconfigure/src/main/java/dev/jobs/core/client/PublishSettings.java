package dev.jobs.core.client;

import java.time.Duration;

/**
 * How enqueues wait for the broker.
 *
 * @param confirmTimeout how long an enqueue waits for the broker's confirm before it fails
 * @param transactional whether an enqueue inside a Spring transaction waits for the commit
 */
public record PublishSettings(Duration confirmTimeout, boolean transactional) {

}
