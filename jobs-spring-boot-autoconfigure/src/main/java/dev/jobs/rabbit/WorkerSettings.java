package dev.jobs.rabbit;

import java.time.Duration;

/**
 * How this instance's worker behaves, whatever the queue.
 *
 * @param shutdownTimeout how long jobs in flight may run on shutdown
 * @param settleRetryPause pause before a delivery that could not be settled is given back
 * @param virtualThreads whether jobs run on virtual threads
 */
public record WorkerSettings(Duration shutdownTimeout, Duration settleRetryPause, boolean virtualThreads) {

}
