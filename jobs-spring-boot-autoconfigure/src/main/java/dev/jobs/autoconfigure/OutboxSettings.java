package dev.jobs.autoconfigure;

import java.time.Duration;

/**
 * The {@code jobs.publish.outbox*} properties, checked once.
 *
 * @param enabled whether enqueues inside a transaction go through the outbox (on, and
 * {@code jobs.publish.transactional} on too)
 * @param table the outbox table
 * @param initializeSchema whether the table is created at start-up where it is missing
 * @param retention how long published rows are kept
 * @param confirmTimeout how long the relay waits for the broker's confirms in one round
 */
record OutboxSettings(boolean enabled, String table, boolean initializeSchema, Duration retention,
		Duration confirmTimeout) {

}
