package dev.jobs.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import dev.jobs.BackgroundTask;

/**
 * The tasks the benchmark enqueues: they do nothing but tell the harness they ran. The two of the
 * job phases are {@code void} methods, the commonest kind of background task, so the worker runs
 * them through the same proxy an application's would; the workflow phase's step returns a value
 * for its chord's callback.
 */
public class BenchTasks {

	/** Task name of {@link #noop(long)}. */
	public static final String NOOP = "bench.noop";

	/** Task name of {@link #timed(long)}. */
	public static final String TIMED = "bench.timed";

	/** Task name of {@link #idempotent(long)}. */
	public static final String IDEMPOTENT = "bench.idempotent";

	/** Task name of {@link #locked(long)}. */
	public static final String LOCKED = "bench.locked";

	/** Task name of {@link #rateLimited(long)}. */
	public static final String RATE_LIMITED = "bench.rate-limited";

	/** Task name of {@link #breaker(long)}; its breaker is configured by {@link JobFeature#properties()}. */
	public static final String BREAKER = "bench.breaker";

	/** Task name of {@link #step(long)}. */
	public static final String STEP = "bench.step";

	/** Task name of {@link #join(List)}. */
	public static final String JOIN = "bench.join";

	private volatile Completion completion;

	private volatile Histogram startLatency = newHistogram();

	/**
	 * A job that does nothing.
	 * @param sequence the job's number in its round, so that each body is of a realistic size
	 */
	@BackgroundTask(name = NOOP)
	public void noop(long sequence) {
		arrive();
	}

	/**
	 * A no-op job with an idempotency key of its own.
	 * @param sequence the job's number in its round, and its key
	 */
	@BackgroundTask(name = IDEMPOTENT, idempotencyKey = "#sequence")
	public void idempotent(long sequence) {
		arrive();
	}

	/**
	 * A no-op job holding a lock of its own while it runs.
	 * @param sequence the job's number in its round, and its lock's name
	 */
	@BackgroundTask(name = LOCKED, lock = "#sequence")
	public void locked(long sequence) {
		arrive();
	}

	/**
	 * A no-op job under a global rate limit no run of this harness reaches (its burst is set by
	 * {@link JobFeature#properties()}).
	 * @param sequence the job's number in its round
	 */
	@BackgroundTask(name = RATE_LIMITED, rateLimit = "10000000/s")
	public void rateLimited(long sequence) {
		arrive();
	}

	/**
	 * A no-op job of a task with a failure circuit breaker.
	 * @param sequence the job's number in its round
	 */
	@BackgroundTask(name = BREAKER)
	public void breaker(long sequence) {
		arrive();
	}

	/**
	 * A job that records how long after its due time it started.
	 * @param dueNanos when the job was due to be enqueued, on this JVM's {@link System#nanoTime()}
	 */
	@BackgroundTask(name = TIMED)
	public void timed(long dueNanos) {
		this.startLatency.recordValue(TimeUnit.NANOSECONDS.toMicros(Math.max(0, System.nanoTime() - dueNanos)));
		arrive();
	}

	/**
	 * A workflow step that does nothing but return its number, so that its chord's callback has a
	 * list of results to be given.
	 * @param sequence the step's number in its chord
	 * @return the number
	 */
	@BackgroundTask(name = STEP)
	public long step(long sequence) {
		arrive();
		return sequence;
	}

	/**
	 * A chord's callback: counts the results it is given.
	 * @param results the header's results
	 * @return how many there were
	 */
	@BackgroundTask(name = JOIN)
	public int join(List<Long> results) {
		return results.size();
	}

	private void arrive() {
		Completion current = this.completion;
		if (current != null) {
			current.arrive();
		}
	}

	/**
	 * Starts counting a round: the returned completion hears of every job run from now on.
	 * @param jobs how many jobs the round runs
	 * @return the round's completion
	 */
	Completion expect(int jobs) {
		Completion next = new Completion(jobs);
		this.completion = next;
		return next;
	}

	/**
	 * Starts a fresh enqueue-to-start histogram and returns it.
	 * @return the histogram {@link #timed(long)} records into, in microseconds
	 */
	Histogram resetStartLatency() {
		Histogram fresh = newHistogram();
		this.startLatency = fresh;
		return fresh;
	}

	static Histogram newHistogram() {
		// Microseconds, up to ten minutes, three significant digits.
		return new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(10), 3);
	}

}
