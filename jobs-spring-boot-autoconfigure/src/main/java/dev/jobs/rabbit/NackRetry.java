package dev.jobs.rabbit;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import dev.jobs.rabbit.ConfirmChannel.Confirmation;
import dev.jobs.rabbit.ConfirmChannel.Confirmation.Outcome;

/**
 * Publishes a message again when the broker nacks it, until it is confirmed or the caller's
 * confirm timeout is about to run out.
 *
 * <ol>
 * <li>The first attempt runs on the caller's thread; if it cannot even be written, the caller
 * hears so at once, as before.</li>
 * <li>A nack schedules another attempt after a backoff: 50 ms, doubling to at most 1 s. The
 * caller that published is told nothing yet; it keeps waiting on the same future.</li>
 * <li>An attempt that cannot be written (the connection is being re-established) counts as a
 * nack: the next one may find a new connection.</li>
 * <li>An ack, a return or a loss (the channel closed before the broker said anything, so the
 * message may be in a queue) ends the attempts: only a nack says for certain that the broker
 * did not take the message, so only a nack is safe to publish again.</li>
 * <li>No attempt starts once its backoff would end past the deadline; the last nack then
 * stands, with the number of attempts.</li>
 * </ol>
 *
 * <p>Why: on RabbitMQ 3.10, after the node holding a quorum queue's leader is killed, a channel
 * that published to the queue during the election can go on nacking every publish to it for as
 * long as the old leader's node stays down, while a channel opened after the election publishes
 * normally (measured with a 3-node cluster; docs/scaling.md). Each attempt's channel is chosen
 * by the caller's {@link Attempt}, which retires the channel that nacked.
 */
final class NackRetry {

	static final Duration FIRST_BACKOFF = Duration.ofMillis(50);

	static final Duration MAX_BACKOFF = Duration.ofSeconds(1);

	private final ScheduledExecutorService scheduler;

	private final Duration within;

	private final LongSupplier nanoTime;

	/**
	 * Attempts scheduled on the given executor, for as long as the given window lasts.
	 * @param scheduler runs the attempts after the first
	 * @param within how long after the first attempt the last may start: the confirm timeout
	 * @param nanoTime the clock, {@link System#nanoTime()} outside tests
	 */
	NackRetry(ScheduledExecutorService scheduler, Duration within, LongSupplier nanoTime) {
		this.scheduler = scheduler;
		this.within = within;
		this.nanoTime = nanoTime;
	}

	/**
	 * Publishes, and again after each nack while time remains.
	 * @param attempt one publish of the message
	 * @return the settlement of the last attempt; a nack after several attempts says how many
	 * @throws IOException if the first attempt cannot be written
	 */
	CompletableFuture<Confirmation> publish(Attempt attempt) throws IOException {
		CompletableFuture<Confirmation> result = new CompletableFuture<>();
		long deadline = this.nanoTime.getAsLong() + this.within.toNanos();
		follow(attempt.publish(), attempt, result, deadline, 1, FIRST_BACKOFF);
		return result;
	}

	private void follow(CompletableFuture<Confirmation> sent, Attempt attempt, CompletableFuture<Confirmation> result,
			long deadline, int attempts, Duration backoff) {
		sent.whenComplete((confirmation, failure) -> {
			if (failure != null) {
				result.completeExceptionally(failure);
			}
			else if (confirmation.outcome() != Outcome.NACKED) {
				result.complete(confirmation);
			}
			else {
				retry(attempt, result, deadline, attempts, backoff, confirmation);
			}
		});
	}

	private void retry(Attempt attempt, CompletableFuture<Confirmation> result, long deadline, int attempts,
			Duration backoff, Confirmation nacked) {
		if (this.nanoTime.getAsLong() + backoff.toNanos() > deadline) {
			result.complete(Confirmation.nacked(attempts));
			return;
		}
		Duration next = (backoff.compareTo(MAX_BACKOFF.dividedBy(2)) > 0) ? MAX_BACKOFF : backoff.multipliedBy(2);
		try {
			this.scheduler.schedule(() -> {
				CompletableFuture<Confirmation> sent;
				try {
					sent = attempt.publish();
				}
				catch (IOException | RuntimeException ex) {
					// Not written, so certainly not taken: the same as a nack, with the next backoff.
					sent = CompletableFuture.completedFuture(nacked);
				}
				follow(sent, attempt, result, deadline, attempts + 1, next);
			}, backoff.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// The publisher is shutting down: the nack stands.
			result.complete(Confirmation.nacked(attempts));
		}
	}

	/**
	 * One publish of the message, on whatever channel is current.
	 */
	@FunctionalInterface
	interface Attempt {

		/**
		 * Publishes the message once.
		 * @return how the broker settled it
		 * @throws IOException if it could not be written
		 */
		CompletableFuture<Confirmation> publish() throws IOException;

	}

}
