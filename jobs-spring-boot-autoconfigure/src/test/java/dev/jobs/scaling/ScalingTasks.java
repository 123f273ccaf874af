package dev.jobs.scaling;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.jobs.BackgroundTask;
import dev.jobs.JobContext;

/**
 * The tasks of the scale-out suite. All the application instances of a case run in the test's
 * JVM, so each task counts its effect in memory, in {@link Effects} the case owns: the counts
 * are exact whichever instance ran the job, and they live outside the clusters the case breaks.
 */
public class ScalingTasks {

	private final Effects effects;

	ScalingTasks(Effects effects) {
		this.effects = effects;
	}

	/**
	 * An at-least-once effect: a redelivery after a lost acknowledgement may repeat it.
	 * @param key the job's key
	 * @return the key
	 * @throws InterruptedException if the worker stops
	 */
	@BackgroundTask(name = "effect")
	public String effect(String key) throws InterruptedException {
		Thread.sleep(2);
		this.effects.made(key);
		return key;
	}

	/**
	 * An effect guarded by its idempotency key, which must happen once however often the job is
	 * delivered.
	 * @param key the job's key
	 * @return the key
	 * @throws InterruptedException if the worker stops
	 */
	@BackgroundTask(name = "guarded", idempotencyKey = "#key")
	public String guarded(String key) throws InterruptedException {
		Thread.sleep(2);
		this.effects.made(key);
		return key;
	}

	/**
	 * A job whose first attempt fails, so that its retry waits in the delay levels.
	 * @param key the job's key
	 * @return the key
	 */
	@BackgroundTask(name = "flaky")
	public String flaky(String key) {
		if (this.effects.attempted(key) == 1) {
			throw new IllegalStateException("first attempt of " + key + " fails on purpose");
		}
		this.effects.made(key);
		return key;
	}

	/**
	 * A rate-limited effect (the case sets a global budget for it).
	 * @param key the job's key
	 * @return the key
	 */
	@BackgroundTask(name = "limited")
	public String limited(String key) {
		this.effects.made(key);
		return key;
	}

	/**
	 * A chord's header job.
	 * @param n a number
	 * @return its square
	 */
	@BackgroundTask(name = "square")
	public int square(int n) {
		return n * n;
	}

	/**
	 * A chord's callback, which must run once per chord.
	 * @param squares the header's results, in header order
	 * @param chord the chord's name
	 * @return their sum
	 */
	@BackgroundTask(name = "total")
	public int total(List<Integer> squares, String chord) {
		this.effects.made(chord);
		return squares.stream().mapToInt(Integer::intValue).sum();
	}

	/** A scheduled job: counts the runs of its job, whose id its slot gives. */
	@BackgroundTask(name = "tick")
	public void tick() {
		this.effects.ticked(JobContext.current().jobId());
	}

	/** A job that does nothing, for throughput. */
	@BackgroundTask(name = "noop")
	public void noop() {
		this.effects.made("noop");
	}

	/**
	 * What the tasks of one case did, counted in memory.
	 */
	static final class Effects {

		private final Map<String, AtomicLong> made = new ConcurrentHashMap<>();

		private final Map<String, AtomicLong> attempts = new ConcurrentHashMap<>();

		private final Map<String, AtomicLong> ticks = new ConcurrentHashMap<>();

		private final Map<String, AtomicLong> tickEnqueues = new ConcurrentHashMap<>();

		void made(String key) {
			this.made.computeIfAbsent(key, (any) -> new AtomicLong()).incrementAndGet();
		}

		long attempted(String key) {
			return this.attempts.computeIfAbsent(key, (any) -> new AtomicLong()).incrementAndGet();
		}

		void ticked(String jobId) {
			this.ticks.computeIfAbsent(jobId, (any) -> new AtomicLong()).incrementAndGet();
		}

		void tickEnqueued(String jobId) {
			this.tickEnqueues.computeIfAbsent(jobId, (any) -> new AtomicLong()).incrementAndGet();
		}

		/**
		 * How often a key's effect happened.
		 * @param key the key
		 * @return the count, 0 if never
		 */
		long count(String key) {
			AtomicLong count = this.made.get(key);
			return (count != null) ? count.get() : 0;
		}

		/** How many slots of the schedule became a job the broker confirmed. */
		int slotsEnqueued() {
			return this.tickEnqueues.size();
		}

		/** Slots whose job was confirmed more than once: two instances that both claimed it. */
		long slotsEnqueuedTwice() {
			return this.tickEnqueues.values().stream().filter((count) -> count.get() > 1).count();
		}

		/** Slots whose job ran. */
		int slotsRun() {
			return this.ticks.size();
		}

	}

}
