package dev.jobs.core.execution;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The time limits of a worker's runs, on one timer thread (started when a limited job first runs
 * and ended after a quiet spell) that serves every job of the worker:
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
public final class TimeLimits {

	/** The grace after the limit when none is configured. */
	public static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);

	private final RunningJobs running;

	private final Duration defaultLimit;

	private final Duration grace;

	private final ScheduledThreadPoolExecutor timer;

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
		this.timer.setRemoveOnCancelPolicy(true);
		this.timer.setKeepAliveTime(10, TimeUnit.SECONDS);
		this.timer.allowCoreThreadTimeOut(true);
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
	 * How long after its limit a job that ignores the interrupt is abandoned.
	 * @return the grace
	 */
	public Duration grace() {
		return this.grace;
	}

	/**
	 * Starts the clocks of one run.
	 * @param jobId the job, entered in the registry
	 * @param limit the run's limit (see {@link #limitOf}), or {@code null} for none
	 * @param atHardLimit what abandons the run at its hard limit, on the timer thread
	 * @return what to close when the task returns, which stops the clocks
	 */
	Clock start(String jobId, Duration limit, Runnable atHardLimit) {
		if (limit == null) {
			return () -> {
			};
		}
		Alarms alarms = new Alarms();
		alarms.set(this.timer.schedule(() -> {
			this.running.interrupt(jobId, InterruptCause.TIMEOUT);
			// Scheduled only now, so a run that ends in time costs one timer entry, not two.
			alarms.set(this.timer.schedule(atHardLimit, this.grace.toNanos(), TimeUnit.NANOSECONDS));
		}, limit.toNanos(), TimeUnit.NANOSECONDS));
		return alarms::cancel;
	}

	/** The alarm a run waits for next; once cancelled, none is set again. */
	private static final class Alarms {

		private ScheduledFuture<?> next;

		private boolean cancelled;

		synchronized void set(ScheduledFuture<?> alarm) {
			if (this.cancelled) {
				alarm.cancel(false);
				return;
			}
			this.next = alarm;
		}

		synchronized void cancel() {
			this.cancelled = true;
			if (this.next != null) {
				this.next.cancel(false);
			}
		}

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
