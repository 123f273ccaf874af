package dev.jobs.core.instance;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.jobs.core.port.InstanceRegistry;
import dev.jobs.core.port.InstanceRegistry.Instance;

import org.springframework.context.SmartLifecycle;

/**
 * Reports this instance to the shared registry at a fixed interval, from one daemon thread, and
 * takes the report away when the context stops. A report lives three intervals, so one lost beat (a slow Redis,
 * a long GC pause) does not make a live instance vanish, and a killed one is gone within three.
 * A beat that fails is logged at debug and tried again at the next interval: the registry only
 * feeds a page, and must never disturb the jobs.
 */
public final class InstanceHeartbeat implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(InstanceHeartbeat.class);

	/** How long a stop waits for a beat in flight. */
	private static final Duration LAST_BEAT = Duration.ofSeconds(2);

	private final InstanceRegistry registry;

	private final Duration interval;

	private final Supplier<State> state;

	private final Clock clock;

	private final String id;

	private final Instant startedAt;

	private ScheduledExecutorService executor;

	/**
	 * A heartbeat, not started.
	 * @param registry where the reports go
	 * @param interval how often to report; zero for never
	 * @param state what to report, read at each beat
	 * @param clock the clock
	 */
	public InstanceHeartbeat(InstanceRegistry registry, Duration interval, Supplier<State> state, Clock clock) {
		this.registry = registry;
		this.interval = interval;
		this.state = state;
		this.clock = clock;
		this.id = ManagementFactory.getRuntimeMXBean().getName() + "#"
				+ HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
		this.startedAt = clock.instant();
	}

	/** Reports now, and then at every interval; with an interval of zero, never. */
	@Override
	public synchronized void start() {
		if (this.executor != null || this.interval.isZero()) {
			return;
		}
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "jobs-instance-heartbeat");
			thread.setDaemon(true);
			return thread;
		});
		this.executor.scheduleWithFixedDelay(this::beat, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Stops beating and takes the report away. A lifecycle of the default phase stops before the
	 * Redis connection factory does, so the goodbye still reaches Redis.
	 */
	@Override
	public synchronized void stop() {
		ScheduledExecutorService running = this.executor;
		if (running == null) {
			return;
		}
		this.executor = null;
		running.shutdownNow();
		try {
			// A beat in flight would otherwise write the report again after it was taken away.
			running.awaitTermination(LAST_BEAT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		try {
			this.registry.leave(this.id);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not take the report of instance " + this.id + " away; it expires on its own", ex);
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

	/**
	 * This instance's id in the registry.
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	void beat() {
		try {
			State now = this.state.get();
			this.registry.report(new Instance(this.id, this.startedAt, this.clock.instant(), now.queues(),
					now.consuming(), now.running(), now.stuck()), this.interval.multipliedBy(3));
		}
		catch (RuntimeException ex) {
			logger.debug("Could not report instance " + this.id + "; trying again in " + this.interval, ex);
		}
	}

	/**
	 * What this instance's worker is doing, read at each beat.
	 *
	 * @param queues the job queues the worker consumes; empty for a producer only
	 * @param consuming whether it consumes now
	 * @param running jobs running now
	 * @param stuck runs abandoned past their hard time limit whose threads have not come back
	 */
	public record State(List<String> queues, boolean consuming, int running, int stuck) {

	}

}
