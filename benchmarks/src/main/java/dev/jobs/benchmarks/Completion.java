package dev.jobs.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.jobs.JobContext;

/**
 * Tells when every job of a round has run, without asking Redis once per job.
 *
 * <ol>
 * <li>Each task run calls {@link #arrive()}, which counts a latch down and remembers the job as
 * the latest one its worker thread ran.</li>
 * <li>A worker thread settles one job (result stored, message acked) before it starts the
 * next, so once the latch is at zero the only jobs whose results may still be on their way to
 * Redis are the latest one of each worker thread.</li>
 * <li>{@link #lastJobPerThread()} names those; awaiting their results marks the moment the
 * last result of the round is stored.</li>
 * </ol>
 */
final class Completion {

	private final CountDownLatch latch;

	private final Map<Thread, String> lastJobs = new ConcurrentHashMap<>();

	Completion(int jobs) {
		this.latch = new CountDownLatch(jobs);
	}

	/**
	 * Counts the running job. Called by the task on a worker thread.
	 */
	void arrive() {
		this.lastJobs.put(Thread.currentThread(), JobContext.current().jobId());
		this.latch.countDown();
	}

	/**
	 * Waits until every job has run.
	 * @param timeout how long at most
	 * @throws IllegalStateException naming how many jobs did not run in time
	 */
	void awaitRun(Duration timeout) throws InterruptedException {
		if (!this.latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException(this.latch.getCount() + " jobs had not run after " + timeout);
		}
	}

	/**
	 * The latest job of each worker thread: the only ones whose results may still be in flight
	 * once every job has run.
	 * @return job ids
	 */
	List<String> lastJobPerThread() {
		return List.copyOf(this.lastJobs.values());
	}

}
