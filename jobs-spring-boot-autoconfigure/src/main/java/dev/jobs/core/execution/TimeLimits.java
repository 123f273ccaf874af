package dev.jobs.core.execution;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.jobs.core.task.TaskKeys;

/**
 * The time limits of a worker's runs, kept by one thread that looks at the limited runs every
 * 100 ms (started when a limited job first runs):
 * <ol>
 * <li>at the <em>limit</em> (the task's timeout, or the worker's default for tasks that declare
 * none) the job is interrupted through the {@link RunningJobs} registry with
 * {@link InterruptCause#TIMEOUT}, so that the attempt is settled as a timeout and never as a
 * shutdown;</li>
 * <li>at the <em>hard limit</em> (the limit plus a grace), a job that ignored the interrupt is
 * abandoned: the caller's hard-limit action settles its attempt from this thread and frees its
 * slot, and the thread is counted as stuck until it comes back, if it ever does.</li>
 * </ol>
 */
public final class TimeLimits implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(TimeLimits.class);

	/** How often the limits are looked at: a limit is kept to within this. */
	private static final Duration SWEEP = Duration.ofMillis(100);

	/** The grace after the limit when none is configured. */
	public static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);

	private final RunningJobs running;

	private final Duration defaultLimit;

	private final Duration grace;

	private final ScheduledThreadPoolExecutor timer;

	private final Set<Limited> limited = ConcurrentHashMap.newKeySet();

	private final AtomicBoolean sweeping = new AtomicBoolean();

	/**
	 * Time limits over a registry of running jobs.
	 * @param running the registry the limited jobs are entered in
	 * @param defaultLimit the limit of tasks that declare none, or {@code null} for none
	 * @param grace how long after its limit a job that ignores its interrupt is abandoned
	 */
	public TimeLimits(RunningJobs running, Duration defaultLimit, Duration grace) {
		this.running = running;
		this.defaultLimit = defaultLimit;
		this.grace = grace;
		this.timer = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "jobs-time-limits");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Limits only for tasks that declare one, abandoned {@link #DEFAULT_GRACE} after it.
	 * @param running the registry the limited jobs are entered in
	 * @return the limits
	 */
	static TimeLimits declaredOnly(RunningJobs running) {
		return new TimeLimits(running, null, DEFAULT_GRACE);
	}

	/**
	 * The limit a run of a task has.
	 * @param declared the task's own limit, or {@code null}
	 * @return the limit, or {@code null} for none
	 */
	public Duration limitOf(Duration declared) {
		return (declared != null) ? declared : this.defaultLimit;
	}

	/**
	 * How long after its limit a job that ignores the interrupt is abandoned, unless its task
	 * declares a hard timeout.
	 * @return the grace
	 */
	public Duration grace() {
		return this.grace;
	}

	/**
	 * How long after its limit a run of a task that ignores the interrupt is abandoned.
	 * @param keys the task's keys
	 * @return its hard timeout less its timeout, if it declares one; otherwise {@link #grace()}
	 */
	public Duration graceOf(TaskKeys keys) {
		// The scanner only accepts a hard timeout after a declared timeout, so this is positive.
		return (keys.hardTimeout() != null) ? keys.hardTimeout().minus(keys.timeout()) : this.grace;
	}

	/**
	 * The hard limit a run of a task has: its limit plus its grace.
	 * @param keys the task's keys
	 * @return the hard limit, or {@code null} for none
	 */
	public Duration hardLimitOf(TaskKeys keys) {
		Duration limit = limitOf(keys.timeout());
		return (limit != null) ? limit.plus(graceOf(keys)) : null;
	}

	/**
	 * Starts the clocks of one run.
	 * @param jobId the job, entered in the registry
	 * @param limit the run's limit (see {@link #limitOf}), or {@code null} for none
	 * @param grace how long after it the run is abandoned (see {@link #graceOf})
	 * @param atHardLimit what abandons the run at its hard limit, on the timer thread
	 * @return what to close when the task returns, which stops the clocks
	 */
	Clock start(String jobId, Duration limit, Duration grace, Runnable atHardLimit) {
		if (limit == null) {
			return () -> {
			};
		}
		startSweeping();
		long now = System.nanoTime();
		Limited run = new Limited(jobId, now + limit.toNanos(), now + limit.plus(grace).toNanos(), atHardLimit);
		this.limited.add(run);
		return () -> this.limited.remove(run);
	}

	/**
	 * One timer entry, not one per run: a run that ends in time costs an insertion and a removal
	 * in a concurrent set, and no heap operation under the timer's lock; a limit is kept to within
	 * a sweep.
	 */
	private void startSweeping() {
		if (this.sweeping.compareAndSet(false, true)) {
			this.timer.scheduleWithFixedDelay(this::sweep, SWEEP.toNanos(), SWEEP.toNanos(), TimeUnit.NANOSECONDS);
		}
	}

	private void sweep() {
		long now = System.nanoTime();
		for (Limited run : this.limited) {
			try {
				check(run, now);
			}
			catch (RuntimeException ex) {
				// A periodic task that throws is never run again: every other limit would lapse.
				logger.error("The time limit of job " + run.jobId + " could not be enforced", ex);
			}
		}
	}

	private void check(Limited run, long now) {
		if (now - run.hardAt >= 0) {
			this.limited.remove(run);
			run.atHardLimit.run();
		}
		else if (now - run.limitAt >= 0) {
			// Once per run: a second interrupt of the same cause is refused by the registry.
			this.running.interrupt(run.jobId, InterruptCause.TIMEOUT);
		}
	}

	/**
	 * One limited run, an entry of its own even for a job id seen before (identity equality).
	 */
	private static final class Limited {

		private final String jobId;

		/** When it is interrupted, in {@link System#nanoTime()}. */
		private final long limitAt;

		/** When it is abandoned, in {@link System#nanoTime()}. */
		private final long hardAt;

		private final Runnable atHardLimit;

		Limited(String jobId, long limitAt, long hardAt, Runnable atHardLimit) {
			this.jobId = jobId;
			this.limitAt = limitAt;
			this.hardAt = hardAt;
			this.atHardLimit = atHardLimit;
		}

	}

	/** Stops looking at the limits: the worker has stopped. */
	@Override
	public void close() {
		this.timer.shutdownNow();
	}

	/**
	 * The clocks of one run.
	 */
	@FunctionalInterface
	interface Clock extends AutoCloseable {

		@Override
		void close();

	}

}
