package dev.jobs.core.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Runs the {@link ScheduleTicker} on a thread of its own, {@code jobs-scheduler}, from the
 * moment the context has started until it stops. It wakes at the next slot due, and at least
 * every {@link #MAX_SLEEP}, so that a clock that jumps (or a test's clock that is moved) is
 * noticed soon.
 */
public final class ScheduleRunner implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ScheduleRunner.class);

	/** The longest the thread sleeps between ticks. */
	static final Duration MAX_SLEEP = Duration.ofMillis(500);

	private static final Duration MIN_SLEEP = Duration.ofMillis(5);

	/** How long a stop waits for a tick under way, which waits at most a confirm timeout. */
	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	private final ScheduleTicker ticker;

	private final Clock clock;

	private volatile ScheduledExecutorService thread;

	/**
	 * A runner for this ticker.
	 * @param ticker the ticker
	 * @param clock the clock its slots are due by
	 */
	public ScheduleRunner(ScheduleTicker ticker, Clock clock) {
		this.ticker = ticker;
		this.clock = clock;
	}

	@Override
	public synchronized void start() {
		if (this.thread != null) {
			return;
		}
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "jobs-scheduler");
			thread.setDaemon(true);
			return thread;
		});
		// On stop, the next tick is dropped; a tick under way finishes (see stop()).
		executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
		this.thread = executor;
		executor.execute(this::tickAndReschedule);
	}

	private void tickAndReschedule() {
		Duration sleep = MAX_SLEEP;
		try {
			Instant next = this.ticker.tick().orElse(null);
			if (next != null) {
				sleep = clamp(Duration.between(this.clock.instant(), next));
			}
		}
		catch (RuntimeException ex) {
			logger.error("Schedule tick failed; the next one follows in " + MAX_SLEEP, ex);
		}
		ScheduledExecutorService current = this.thread;
		if (current != null && !current.isShutdown()) {
			current.schedule(this::tickAndReschedule, sleep.toNanos(), TimeUnit.NANOSECONDS);
		}
	}

	private static Duration clamp(Duration sleep) {
		if (sleep.compareTo(MIN_SLEEP) < 0) {
			return MIN_SLEEP;
		}
		return (sleep.compareTo(MAX_SLEEP) > 0) ? MAX_SLEEP : sleep;
	}

	@Override
	public synchronized void stop() {
		ScheduledExecutorService current = this.thread;
		this.thread = null;
		if (current == null) {
			return;
		}
		// Not shutdownNow(): a tick may be waiting for the confirm of a slot's job, and an interrupt
		// would leave the slot claimed with its job unrecorded or unsent.
		current.shutdown();
		try {
			if (!current.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("A schedule tick did not end within " + STOP_TIMEOUT + " of the stop; interrupting it");
				current.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

}
