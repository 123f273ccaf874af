package dev.jobs.core.client;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Turns broker confirms into the futures that {@code enqueueAsync} hands out.
 *
 * <p>A confirm completes on the broker client's connection thread; a caller's dependent stage
 * run there could block it, and an enqueue waited for there would never see its own confirm.
 * So the caller's future completes on one thread of the starter's own, which also fails
 * futures whose confirm does not come within the confirm timeout. The thread ends when idle.
 *
 * <p>Every future has the same timeout, so their deadlines pass in the order they were handed
 * out. They wait in that order, and one sweep every {@value #SWEEP_MILLIS} ms fails those past
 * their deadline and drops those already complete from the front. A timer per future, scheduled
 * and cancelled in a shared heap, was most of this class's cost at tens of thousands of
 * enqueues a second (JFR, benchmarks module).
 */
final class AsyncConfirms implements AutoCloseable {

	/** How often waiting futures are looked at; a timeout may be noticed this much late. */
	static final long SWEEP_MILLIS = 100;

	private final ScheduledThreadPoolExecutor thread;

	private final Duration timeout;

	private final Queue<Waiting<?>> waiting = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean sweeping = new AtomicBoolean();

	/**
	 * Confirms with the given timeout.
	 * @param timeout how long a job may wait for its confirm
	 */
	AsyncConfirms(Duration timeout) {
		this.timeout = timeout;
		this.thread = new ScheduledThreadPoolExecutor(1, (runnable) -> {
			Thread callbacks = new Thread(runnable, "jobs-enqueue-callbacks");
			callbacks.setDaemon(true);
			return callbacks;
		});
		this.thread.setKeepAliveTime(10, TimeUnit.SECONDS);
		this.thread.allowCoreThreadTimeOut(true);
	}

	/**
	 * A future that completes, on the starter's thread, once the confirm has come.
	 * @param confirm the job's confirm
	 * @param job describes the job for error messages; called only when there is one
	 * @param value what the future completes with
	 * @param <T> the value type
	 * @return the caller's future
	 */
	<T> CompletableFuture<T> whenConfirmed(CompletableFuture<Void> confirm, Supplier<String> job, Supplier<T> value) {
		CompletableFuture<T> result = new CompletableFuture<>();
		this.waiting.add(new Waiting<>(result, System.nanoTime() + this.timeout.toNanos(), job));
		startSweeping();
		confirm.whenComplete((ignored, failure) -> {
			try {
				this.thread.execute(() -> settle(result, failure, job, value));
			}
			catch (RejectedExecutionException ex) {
				// Shutting down: settle here rather than leave the caller waiting forever.
				settle(result, failure, job, value);
			}
		});
		return result;
	}

	private void startSweeping() {
		if (this.sweeping.compareAndSet(false, true)) {
			try {
				this.thread.schedule(this::sweep, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
			}
			catch (RejectedExecutionException ex) {
				// Shutting down: each confirm still settles its future, or the channel's close does.
			}
		}
	}

	/** Fails what is past its deadline; sweeps again later while anything waits. */
	private void sweep() {
		long now = System.nanoTime();
		for (Waiting<?> first = this.waiting.peek(); first != null; first = this.waiting.peek()) {
			if (!first.result.isDone() && first.deadline - now > 0) {
				break;
			}
			this.waiting.poll();
			first.expire(this.timeout);
		}
		this.sweeping.set(false);
		if (!this.waiting.isEmpty()) {
			startSweeping();
		}
	}

	private static <T> void settle(CompletableFuture<T> result, Throwable failure, Supplier<String> job,
			Supplier<T> value) {
		if (failure == null) {
			try {
				result.complete(value.get());
			}
			catch (RuntimeException ex) {
				result.completeExceptionally(ex);
			}
			return;
		}
		Throwable cause = (failure instanceof CompletionException) ? failure.getCause() : failure;
		result.completeExceptionally(Unconfirmed.failed(job.get(), cause));
	}

	@Override
	public void close() {
		this.thread.shutdown();
	}

	/** A future handed out and the moment it times out. */
	private record Waiting<T>(CompletableFuture<T> result, long deadline, Supplier<String> job) {

		/** Fails the future with the timeout, unless its confirm came first. */
		void expire(Duration timeout) {
			if (!this.result.isDone()) {
				this.result.completeExceptionally(Unconfirmed.timedOut(this.job.get(), timeout, null));
			}
		}

	}

}
