package dev.jobs.core.refresh;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a read of shared state now and then every second, on a daemon thread of its own, until
 * closed: how a worker keeps its copy of the queue pauses and of the cancelled jobs, each read
 * catching its own failures.
 */
public final class Refresher implements AutoCloseable {

	/** How often the read runs. */
	public static final Duration EVERY = Duration.ofSeconds(1);

	private final String threadName;

	private final Runnable read;

	private volatile ScheduledExecutorService timer;

	/**
	 * A refresher, not yet started.
	 * @param threadName the name of its thread
	 * @param read the read, which must not throw
	 */
	public Refresher(String threadName, Runnable read) {
		this.threadName = threadName;
		this.read = read;
	}

	/** Runs the read now, on the caller's thread, then every second on the refresher's. */
	public void start() {
		ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, this.threadName);
			thread.setDaemon(true);
			return thread;
		});
		this.read.run();
		started.scheduleWithFixedDelay(this.read, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
		this.timer = started;
	}

	/** Stops the reads. */
	@Override
	public void close() {
		ScheduledExecutorService started = this.timer;
		if (started != null) {
			started.shutdownNow();
			this.timer = null;
		}
	}

}
