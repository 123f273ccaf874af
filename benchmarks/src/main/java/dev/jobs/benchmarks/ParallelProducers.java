package dev.jobs.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a producing loop on several threads at once, each over its own slice of the work, and
 * times them from one common start to the last one done.
 */
final class ParallelProducers {

	private ParallelProducers() {
	}

	/**
	 * Runs the slices and waits for all of them.
	 * @param name thread name prefix
	 * @param threads how many threads
	 * @param total how many items in all; thread {@code t} gets items {@code [from, to)}
	 * @param slice what each thread does with its slice
	 * @return when they started and when the last finished
	 * @throws Exception the first failure of any thread
	 */
	static Timing run(String name, int threads, int total, Slice slice) throws Exception {
		CountDownLatch ready = new CountDownLatch(threads);
		CountDownLatch go = new CountDownLatch(1);
		AtomicReference<Exception> failure = new AtomicReference<>();
		List<Thread> running = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			int from = (int) ((long) total * t / threads);
			int to = (int) ((long) total * (t + 1) / threads);
			int index = t;
			Thread thread = new Thread(() -> {
				ready.countDown();
				try {
					go.await();
					slice.produce(index, from, to);
				}
				catch (Exception ex) {
					failure.compareAndSet(null, ex);
				}
			}, name + "-" + t);
			thread.setDaemon(true);
			thread.start();
			running.add(thread);
		}
		ready.await();
		long start = System.nanoTime();
		go.countDown();
		for (Thread thread : running) {
			thread.join();
		}
		long end = System.nanoTime();
		if (failure.get() != null) {
			throw failure.get();
		}
		return new Timing(start, end);
	}

	/**
	 * The work of one thread.
	 */
	@FunctionalInterface
	interface Slice {

		void produce(int thread, int from, int to) throws Exception;

	}

	/**
	 * When a timed piece of work started and ended, on {@link System#nanoTime()}.
	 *
	 * @param start the start
	 * @param end the end
	 */
	record Timing(long start, long end) {

		double perSecond(long count) {
			return perSecond(count, this.end);
		}

		double perSecond(long count, long until) {
			return count * 1e9 / Math.max(1, until - this.start);
		}

	}

}
