package dev.jobs.core.execution;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Keeps a delivery unacknowledged while a step it needs is refused (a guard's store is
 * unreachable, the broker does not confirm a successor), and tries the step again every pause on
 * the worker's thread, which also keeps that consumer from starting new jobs meanwhile. The step
 * fails for good only once the delivery is no longer held (its channel closed, so the broker has
 * taken it back) or the worker is interrupted.
 */
final class DeliveryHold {

	private static final Log logger = LogFactory.getLog(DeliveryHold.class);

	/** After the first refusal, log one in this many, so an outage does not flood the log. */
	private static final int LOG_EVERY = 10;

	private final Duration pause;

	DeliveryHold(Duration pause) {
		this.pause = pause;
	}

	/**
	 * Runs a step until it completes, holding the delivery while it is refused.
	 * @param inbound the delivery
	 * @param refusal the exceptions that count as a refusal worth waiting out; any other fails
	 * at once
	 * @param step the step
	 * @param <T> what the step returns
	 * @param <E> the refusal type
	 * @return what the step returned
	 * @throws RuntimeException the last refusal, once the delivery is no longer held or the
	 * worker was interrupted
	 */
	<T, E extends RuntimeException> T retry(InboundJob inbound, Class<E> refusal, Supplier<T> step) {
		for (int tries = 1;; tries++) {
			try {
				T result = step.get();
				if (tries > 1) {
					logger.info("A held delivery from queue '" + inbound.queue() + "' went on after " + tries + " tries");
				}
				return result;
			}
			catch (RuntimeException ex) {
				if (!refusal.isInstance(ex) || !inbound.held().getAsBoolean() || !pause()) {
					throw ex;
				}
				if (tries == 1 || tries % LOG_EVERY == 0) {
					logger.warn(ex.getMessage() + "; holding the delivery and trying again every " + this.pause
							+ " (try " + tries + "). The task does not run meanwhile");
				}
			}
		}
	}

	private boolean pause() {
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
