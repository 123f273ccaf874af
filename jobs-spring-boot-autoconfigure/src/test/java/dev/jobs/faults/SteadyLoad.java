package dev.jobs.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.jobs.JobHandle;
import dev.jobs.Jobs;
import dev.jobs.JobsUnavailableException;

/**
 * Enqueues one job of a task every few milliseconds from a thread of its own, each with a key of
 * its own, and keeps the books: the handles of the enqueues that returned normally (accepted),
 * how many threw {@link JobsUnavailableException} (refused) and the slowest such refusal, and
 * any other failure, which a fault case should never see.
 */
final class SteadyLoad implements AutoCloseable {

	/** About a hundred jobs a second: steady load that two cores sustain beside the broker. */
	private static final Duration PACE = Duration.ofMillis(10);

	private final Jobs jobs;

	private final String task;

	private final List<JobHandle<Object>> accepted = new CopyOnWriteArrayList<>();

	private final List<String> keys = new CopyOnWriteArrayList<>();

	private final List<Throwable> unexpected = new CopyOnWriteArrayList<>();

	private final AtomicLong refused = new AtomicLong();

	private final AtomicLong slowestRefusalNanos = new AtomicLong();

	private final Thread thread;

	private volatile boolean running = true;

	private SteadyLoad(Jobs jobs, String task) {
		this.jobs = jobs;
		this.task = task;
		this.thread = new Thread(this::run, "fault-steady-load");
		this.thread.setDaemon(true);
	}

	/**
	 * Starts enqueuing.
	 * @param jobs the front door to enqueue through
	 * @param task the task of every job, which takes the job's key as its one argument
	 * @return the running load
	 */
	static SteadyLoad start(Jobs jobs, String task) {
		SteadyLoad load = new SteadyLoad(jobs, task);
		load.thread.start();
		return load;
	}

	private void run() {
		for (int i = 0; this.running; i++) {
			String key = "load-" + i;
			long started = System.nanoTime();
			try {
				this.accepted.add(this.jobs.enqueue(this.task, key));
				this.keys.add(key);
			}
			catch (JobsUnavailableException ex) {
				this.refused.incrementAndGet();
				this.slowestRefusalNanos.accumulateAndGet(System.nanoTime() - started, Math::max);
			}
			catch (RuntimeException ex) {
				this.unexpected.add(ex);
			}
			// Pacing the load, not waiting for a condition.
			LockSupport.parkNanos(PACE.toNanos());
		}
	}

	/** Stops enqueuing and returns once the last enqueue has returned. */
	void stop() {
		this.running = false;
		try {
			this.thread.join(TimeUnit.SECONDS.toMillis(30));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** The handles of the enqueues that returned normally, in order. */
	List<JobHandle<Object>> accepted() {
		return new ArrayList<>(this.accepted);
	}

	/** The keys of the accepted jobs, in the order of {@link #accepted()}. */
	List<String> keys() {
		return new ArrayList<>(this.keys);
	}

	/** How many enqueues threw {@link JobsUnavailableException}. */
	long refused() {
		return this.refused.get();
	}

	/** How long the slowest refused enqueue took to throw. */
	Duration slowestRefusal() {
		return Duration.ofNanos(this.slowestRefusalNanos.get());
	}

	/** Enqueue failures of any other kind. */
	List<Throwable> unexpected() {
		return this.unexpected;
	}

	@Override
	public void close() {
		stop();
	}

}
