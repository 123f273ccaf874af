package dev.jobs.scaling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.jobs.JobHandle;
import dev.jobs.JobOptions;
import dev.jobs.Jobs;
import dev.jobs.JobsUnavailableException;

/**
 * Enqueues a mix of jobs through one application instance from a thread of its own, at a steady
 * pace, until it has had a given number accepted: mostly plain effects, and among them guarded
 * (idempotent) ones, delayed ones, ones that fail once and are retried, and rate-limited ones.
 * It keeps the books: every accepted job with its key, how many enqueues were refused with
 * {@link JobsUnavailableException} (allowed while a node is lost), and any other failure, which
 * a case must never see.
 */
final class MixedLoad implements AutoCloseable {

	private static final Duration PACE = Duration.ofMillis(6);

	private static final Duration DELAY = Duration.ofSeconds(2);

	private final Jobs jobs;

	private final String name;

	private final int target;

	private final List<Accepted> accepted = new CopyOnWriteArrayList<>();

	private final List<Throwable> unexpected = new CopyOnWriteArrayList<>();

	private final AtomicLong refused = new AtomicLong();

	private final Thread thread;

	private volatile boolean running = true;

	private MixedLoad(Jobs jobs, String name, int target) {
		this.jobs = jobs;
		this.name = name;
		this.target = target;
		this.thread = new Thread(this::run, "scaling-load-" + name);
		this.thread.setDaemon(true);
	}

	/**
	 * Starts enqueuing.
	 * @param jobs the instance's front door
	 * @param name the instance's name, part of every key
	 * @param target how many accepted jobs to stop at
	 * @return the running load
	 */
	static MixedLoad start(Jobs jobs, String name, int target) {
		MixedLoad load = new MixedLoad(jobs, name, target);
		load.thread.start();
		return load;
	}

	private void run() {
		for (int i = 0; this.running && this.accepted.size() < this.target; i++) {
			String task = taskFor(i);
			String key = this.name + "-" + task + "-" + i;
			try {
				JobHandle<Object> handle = task.equals("delayed")
						? this.jobs.with(JobOptions.defaults().delay(DELAY)).enqueue("effect", key)
						: this.jobs.enqueue(task, key);
				this.accepted.add(new Accepted(key, task, handle));
			}
			catch (JobsUnavailableException ex) {
				this.refused.incrementAndGet();
			}
			catch (RuntimeException ex) {
				this.unexpected.add(ex);
			}
			// Pacing the load, not waiting for a condition.
			LockSupport.parkNanos(PACE.toNanos());
		}
	}

	private static String taskFor(int i) {
		return switch (i % 20) {
			case 0, 1, 2, 3 -> "guarded";
			case 4, 5 -> "delayed";
			case 6 -> "flaky";
			case 7 -> "limited";
			default -> "effect";
		};
	}

	/**
	 * Whether the target is reached.
	 * @return true once as many jobs as asked for were accepted
	 */
	boolean done() {
		return this.accepted.size() >= this.target || !this.thread.isAlive();
	}

	/**
	 * How many enqueues were accepted so far.
	 * @return the count
	 */
	int acceptedCount() {
		return this.accepted.size();
	}

	/** The enqueues that returned normally, in order. */
	List<Accepted> accepted() {
		return new ArrayList<>(this.accepted);
	}

	/** How many enqueues threw {@link JobsUnavailableException}. */
	long refused() {
		return this.refused.get();
	}

	/** Enqueue failures of any other kind. */
	List<Throwable> unexpected() {
		return this.unexpected;
	}

	@Override
	public void close() {
		this.running = false;
		try {
			this.thread.join(TimeUnit.SECONDS.toMillis(30));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * One accepted job.
	 *
	 * @param key its key, which its effect is counted under
	 * @param task what the load asked for: a task's name, or {@code delayed} for a delayed effect
	 * @param handle its handle
	 */
	record Accepted(String key, String task, JobHandle<Object> handle) {

		boolean guarded() {
			return this.task.equals("guarded");
		}

	}

}
