package dev.jobs.benchmarks;

import java.time.Duration;

/**
 * Waits for RabbitMQ to finish the work a purge leaves behind before the next measurement
 * starts. A quorum queue frees what a purge removed after the purge has returned; measured
 * right away, a round could find the broker spending twice its usual CPU per message (seen:
 * 157 against 74 µs), which moved a figure by up to half.
 *
 * <p>The broker counts as settled once its CPU, sampled every {@value #WINDOW_MILLIS} ms, stays
 * under a tenth of a core for {@value #QUIET_WINDOWS} windows in a row. Where the broker's CPU
 * cannot be read (not Linux, a remote broker), there is nothing to wait for.
 */
final class BrokerSettling {

	private static final long WINDOW_MILLIS = 100;

	private static final int QUIET_WINDOWS = 3;

	/** A tenth of a core over one window. */
	private static final long QUIET_NANOS = WINDOW_MILLIS * 1_000_000L / 10;

	private BrokerSettling() {
	}

	/**
	 * Returns once the broker is quiet, or after {@code limit} whatever it is doing.
	 * @param limit the longest wait
	 * @throws InterruptedException if interrupted while waiting
	 */
	static void await(Duration limit) throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		long before = CpuMeter.read().brokerNanos();
		int quiet = 0;
		while (before >= 0 && quiet < QUIET_WINDOWS && System.nanoTime() < deadline) {
			// Sampling the broker's CPU over a window, not standing in for a condition.
			Thread.sleep(WINDOW_MILLIS);
			long now = CpuMeter.read().brokerNanos();
			quiet = (now - before < QUIET_NANOS) ? quiet + 1 : 0;
			before = now;
		}
	}

}
