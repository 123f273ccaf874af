package dev.jobs.actuate.health;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * One call to an outside system whose answer a caller waits for only up to a deadline,
 * however long the call itself blocks: a Redis client waits out its command timeout (60
 * seconds by default) while the server is unreachable, which made health answer late, and
 * {@code UP} once the server was back.
 *
 * <ol>
 * <li>{@link #begin()} starts the call on a daemon thread of its own, unless a call started
 * earlier is still running: then the caller joins that one, so an outage holds at most one
 * thread per kind of call however often health is read.</li>
 * <li>{@link #await} waits for its answer until the deadline; past it, the caller gets a
 * {@link TimeoutException} while the call goes on and ends in its own time.</li>
 * </ol>
 *
 * @param <T> the answer's type
 */
final class TimeBoundCall<T> {

	private final String name;

	private final Supplier<T> call;

	private final AtomicReference<CompletableFuture<T>> running = new AtomicReference<>();

	TimeBoundCall(String name, Supplier<T> call) {
		this.name = name;
		this.call = call;
	}

	CompletableFuture<T> begin() {
		while (true) {
			CompletableFuture<T> current = this.running.get();
			if (current != null && !current.isDone()) {
				return current;
			}
			CompletableFuture<T> started = new CompletableFuture<>();
			if (this.running.compareAndSet(current, started)) {
				Thread thread = new Thread(() -> run(started), "jobs-health-" + this.name);
				thread.setDaemon(true);
				thread.start();
				return started;
			}
		}
	}

	private void run(CompletableFuture<T> answer) {
		try {
			answer.complete(this.call.get());
		}
		catch (RuntimeException | Error ex) {
			answer.completeExceptionally(ex);
		}
	}

	/**
	 * Waits for a call's answer.
	 * @param answer what {@link #begin()} returned
	 * @param deadline {@link System#nanoTime()} by which to give up
	 * @param timeout the whole wait, for the message
	 * @return the answer
	 * @throws TimeoutException if the call has not answered by the deadline
	 * @throws RuntimeException what the call threw
	 */
	T await(CompletableFuture<T> answer, long deadline, Duration timeout) throws TimeoutException {
		try {
			return answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			throw new TimeoutException("no answer within " + timeout.toMillis() + " ms");
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw (Error) ex.getCause();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TimeoutException("interrupted while waiting for " + this.name);
		}
	}

}
