package dev.jobs.core.execution;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Publishes the durable successor of a settled delivery (the copy for its next attempt, or its
 * dead letter) and keeps trying while the broker refuses it or does not confirm it in time.
 *
 * <p>The task has run and its outcome is decided, so the one wrong move is to give the delivery
 * back: it would run the task again, about once a pause, until the broker's delivery limit
 * dead-lettered it without a reason or a record. Instead the delivery is held, unacknowledged,
 * and the successor is published again every {@code settleRetryPause} on the worker's thread,
 * which also keeps that consumer from starting new jobs during the outage. Only once the delivery
 * is no longer held (its channel closed, so the broker has taken it back) or the worker is
 * interrupted does the publish fail, and then the broker redelivers the job.
 */
final class HeldPublisher {

	private static final Log logger = LogFactory.getLog(HeldPublisher.class);

	/** After the first refusal, log one in this many, so an outage does not flood the log. */
	private static final int LOG_EVERY = 10;

	private final Duration confirmTimeout;

	private final Duration pause;

	HeldPublisher(Duration confirmTimeout, Duration pause) {
		this.confirmTimeout = confirmTimeout;
		this.pause = pause;
	}

	/**
	 * Publishes until confirmed.
	 * @param inbound the delivery the successor settles
	 * @param what the successor, for messages (e.g. "the retry of job 0193...")
	 * @param publish publishes it once; the future completes when the broker confirmed it
	 * @throws IllegalStateException if it was not confirmed and the delivery is no longer held
	 */
	void publish(InboundJob inbound, String what, Supplier<CompletableFuture<Void>> publish) {
		for (int refusals = 1;; refusals++) {
			RuntimeException refused = attempt(what, publish);
			if (refused == null) {
				if (refusals > 1) {
					logger.info("Published " + what + " after " + (refusals - 1) + " refusal(s)");
				}
				return;
			}
			if (!inbound.held().getAsBoolean()) {
				throw refused;
			}
			if (refusals == 1 || refusals % LOG_EVERY == 0) {
				logger.warn("Could not publish " + what + " (" + refused.getMessage() + "), refusal " + refusals
						+ "; holding the delivery and trying again every " + this.pause + ". The task is not run again");
			}
			if (!sleep()) {
				throw new IllegalStateException("Interrupted while holding a delivery to publish " + what, refused);
			}
		}
	}

	private RuntimeException attempt(String what, Supplier<CompletableFuture<Void>> publish) {
		try {
			publish.get().get(this.confirmTimeout.toNanos(), TimeUnit.NANOSECONDS);
			return null;
		}
		catch (ExecutionException ex) {
			return new IllegalStateException(what + " was not confirmed by the broker: " + ex.getCause(),
					ex.getCause());
		}
		catch (TimeoutException ex) {
			return new IllegalStateException(what + " was not confirmed within " + this.confirmTimeout, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while publishing " + what, ex);
		}
		catch (RuntimeException ex) {
			return ex;
		}
	}

	private boolean sleep() {
		try {
			TimeUnit.NANOSECONDS.sleep(this.pause.toNanos());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
