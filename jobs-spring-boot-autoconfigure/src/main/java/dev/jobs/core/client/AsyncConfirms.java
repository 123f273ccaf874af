package dev.jobs.core.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Turns broker confirms into the futures that {@code enqueueAsync} hands out.
 *
 * <p>A confirm completes on the broker client's connection thread; a caller's dependent stage
 * run there could block it, and an enqueue waited for there would never see its own confirm.
 * So the caller's future completes on one thread of the starter's own, which also fails
 * futures whose confirm does not come within the confirm timeout. The thread ends when idle.
 */
final class AsyncConfirms implements AutoCloseable {

	private final ScheduledThreadPoolExecutor thread;

	private final Duration timeout;

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
		this.thread.setRemoveOnCancelPolicy(true);
		this.thread.setKeepAliveTime(10, TimeUnit.SECONDS);
		this.thread.allowCoreThreadTimeOut(true);
	}

	/**
	 * A future that completes, on the starter's thread, once the confirm has come.
	 * @param confirm the job's confirm
	 * @param job the job, for error messages
	 * @param value what the future completes with
	 * @param <T> the value type
	 * @return the caller's future
	 */
	<T> CompletableFuture<T> whenConfirmed(CompletableFuture<Void> confirm, String job, Supplier<T> value) {
		CompletableFuture<T> result = new CompletableFuture<>();
		ScheduledFuture<?> expiry = this.thread.schedule(
				() -> result.completeExceptionally(Unconfirmed.timedOut(job, this.timeout, null)),
				this.timeout.toNanos(), TimeUnit.NANOSECONDS);
		confirm.whenComplete((ignored, failure) -> {
			expiry.cancel(false);
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

	private static <T> void settle(CompletableFuture<T> result, Throwable failure, String job, Supplier<T> value) {
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
		result.completeExceptionally(Unconfirmed.failed(job, cause));
	}

	@Override
	public void close() {
		this.thread.shutdown();
	}

}
