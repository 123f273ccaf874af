package dev.jobs.benchmarks;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.function.ObjIntConsumer;

import dev.jobs.JobRequest;
import dev.jobs.Jobs;

/**
 * Enqueues through {@code jobs.enqueueAsync} with at most a window of jobs unconfirmed, as the
 * raw publishers keep {@code --confirm-window} messages in flight: the same shape on both sides
 * of the ratio.
 */
final class WindowedEnqueue {

	private final Jobs jobs;

	private final int window;

	WindowedEnqueue(Jobs jobs, int window) {
		this.jobs = jobs;
		this.window = window;
	}

	/**
	 * Enqueues jobs {@code [from, to)} and returns once every one of them is confirmed.
	 * @param from the first job number
	 * @param to one past the last
	 * @param request the request for a job number
	 * @param accepted told the id of each accepted job, on the starter's callback thread
	 * @throws Exception the first failure, once all jobs are settled
	 */
	void run(int from, int to, IntFunction<JobRequest> request, ObjIntConsumer<String> accepted) throws Exception {
		Semaphore inFlight = new Semaphore(this.window);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		for (int n = from; n < to && failure.get() == null; n++) {
			inFlight.acquire();
			int number = n;
			this.jobs.enqueueAsync(request.apply(n)).whenComplete((handle, ex) -> {
				if (ex != null) {
					failure.compareAndSet(null, ex);
				}
				else {
					accepted.accept(handle.id(), number);
				}
				inFlight.release();
			});
		}
		inFlight.acquire(this.window);
		if (failure.get() != null) {
			throw new IllegalStateException("An enqueue failed: " + failure.get(), failure.get());
		}
	}

}
