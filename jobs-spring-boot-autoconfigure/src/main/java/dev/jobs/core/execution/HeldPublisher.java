package dev.jobs.core.execution;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Publishes the durable successor of a settled delivery (the copy for its next attempt, or its
 * dead letter) and keeps trying while the broker refuses it or does not confirm it in time.
 *
 * <p>The task has run and its outcome is decided, so the one wrong move is to give the delivery
 * back: it would run the task again, about once a pause, until the broker's delivery limit
 * dead-lettered it without a reason or a record. Instead the delivery is held, unacknowledged,
 * and the successor is published again every {@code settleRetryPause} ({@link DeliveryHold}).
 * Only once the delivery is no longer held (its channel closed, so the broker has taken it back)
 * or the worker is interrupted does the publish fail, and then the broker redelivers the job.
 */
final class HeldPublisher {

	private final Duration confirmTimeout;

	private final DeliveryHold hold;

	HeldPublisher(Duration confirmTimeout, DeliveryHold hold) {
		this.confirmTimeout = confirmTimeout;
		this.hold = hold;
	}

	/**
	 * Publishes until confirmed.
	 * @param inbound the delivery the successor settles
	 * @param what the successor, for messages (e.g. "the retry of job 0193...")
	 * @param publish publishes it once; the future completes when the broker confirmed it
	 * @throws RuntimeException if it was not confirmed and the delivery is no longer held
	 */
	void publish(InboundJob inbound, String what, Supplier<CompletableFuture<Void>> publish) {
		this.hold.retry(inbound, RuntimeException.class, () -> {
			confirm(what, publish);
			return null;
		});
	}

	private void confirm(String what, Supplier<CompletableFuture<Void>> publish) {
		try {
			publish.get().get(this.confirmTimeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(what + " was not confirmed by the broker: " + ex.getCause(),
					ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException(what + " was not confirmed within " + this.confirmTimeout, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while publishing " + what, ex);
		}
	}

}
