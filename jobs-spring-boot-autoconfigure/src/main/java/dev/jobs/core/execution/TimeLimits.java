package dev.jobs.core.execution;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Interrupts jobs that run past their task's time limit, through the {@link RunningJobs}
 * registry with {@link InterruptCause#TIMEOUT}, so that the interrupted attempt is settled as a
 * timeout and never as a shutdown. One timer thread, started when a limited job first runs and
 * ended after a quiet spell, serves every job of the worker.
 */
final class TimeLimits {

	private final RunningJobs running;

	private final ScheduledThreadPoolExecutor timer;

	TimeLimits(RunningJobs running) {
		this.running = running;
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
	 * Starts the clock of one run.
	 * @param jobId the job, entered in the registry
	 * @param limit its task's limit, or {@code null} for none
	 * @return what to close when the task returns, which stops the clock
	 */
	Clock start(String jobId, Duration limit) {
		if (limit == null) {
			return () -> {
			};
		}
		ScheduledFuture<?> alarm = this.timer.schedule(() -> this.running.interrupt(jobId, InterruptCause.TIMEOUT),
				limit.toNanos(), TimeUnit.NANOSECONDS);
		return () -> alarm.cancel(false);
	}

	/**
	 * The clock of one run.
	 */
	@FunctionalInterface
	interface Clock extends AutoCloseable {

		@Override
		void close();

	}

}
