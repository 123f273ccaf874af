package dev.jobs.test.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.jobs.core.envelope.EnvelopeCodec;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.port.DeadLetter;
import dev.jobs.core.port.DeadLetterPublisher;
import dev.jobs.core.port.JobPublisher;

/**
 * The broker of test mode: every job message, as the engine publishes it, waits here in the
 * order it falls due, and every dead letter is kept. A message is encoded by the real envelope
 * codec and kept as bytes, so a job run from here is decoded exactly as a worker decodes one
 * from RabbitMQ (an argument that does not survive JSON fails in the test, not in production).
 *
 * <ol>
 * <li>{@link #publish} keeps the message among those {@linkplain #published() published} and
 * those waiting, confirms it at once, and tells the listener (the harness, which in
 * {@code INLINE} mode runs what is due);</li>
 * <li>{@link #takeDue} hands out the earliest message due by a given time, once: the caller
 * runs it and, if the worker gives it back, {@linkplain #giveBack returns} it;</li>
 * <li>a retry or a deferred copy is simply another message, due at its backoff.</li>
 * </ol>
 */
public final class InMemoryJobBroker implements JobPublisher, DeadLetterPublisher {

	private final EnvelopeCodec codec;

	private final AtomicLong sequence = new AtomicLong();

	private final List<Message> published = new ArrayList<>();

	private final PriorityQueue<Message> waiting = new PriorityQueue<>(
			Comparator.comparing(Message::dueAt).thenComparingLong(Message::sequence));

	private final List<DeadLetter> deadLetters = new ArrayList<>();

	private volatile Consumer<Message> listener = (message) -> {
	};

	/**
	 * A broker that encodes messages with the given codec.
	 * @param codec the engine's envelope codec
	 */
	public InMemoryJobBroker(EnvelopeCodec codec) {
		this.codec = codec;
	}

	/**
	 * Sets who hears of each message as soon as it is published, on the publishing thread.
	 * @param listener the listener
	 */
	public void onPublish(Consumer<Message> listener) {
		this.listener = listener;
	}

	@Override
	public CompletableFuture<Void> publish(JobEnvelope envelope) {
		// Encoded as RabbitMQ would carry it: an oversized or unencodable job fails its enqueue here too.
		byte[] body = this.codec.encode(envelope);
		Instant due = (envelope.eta() != null) ? envelope.eta() : envelope.enqueuedAt();
		Message message = new Message(envelope, body, due, this.sequence.incrementAndGet(), 0);
		synchronized (this) {
			this.published.add(message);
			this.waiting.add(message);
		}
		this.listener.accept(message);
		return CompletableFuture.completedFuture(null);
	}

	@Override
	public void publish(DeadLetter letter) {
		synchronized (this) {
			this.deadLetters.add(letter);
		}
	}

	/**
	 * Takes the earliest message due at or before the given time; nobody else gets it.
	 * @param now the time
	 * @return the message, or empty if none is due
	 */
	public synchronized Optional<Message> takeDue(Instant now) {
		Message next = this.waiting.peek();
		if (next == null || next.dueAt().isAfter(now)) {
			return Optional.empty();
		}
		return Optional.of(this.waiting.poll());
	}

	/**
	 * Returns a message the worker gave back untouched, due at once, as RabbitMQ redelivers it.
	 * @param message the message
	 * @param now the time
	 */
	public synchronized void giveBack(Message message, Instant now) {
		this.waiting.add(new Message(message.envelope(), message.body(), now, this.sequence.incrementAndGet(),
				message.deliveries() + 1));
	}

	/**
	 * When the earliest waiting message is due.
	 * @return its due time, or empty if nothing waits
	 */
	public synchronized Optional<Instant> nextDue() {
		return Optional.ofNullable(this.waiting.peek()).map(Message::dueAt);
	}

	/**
	 * Every message published since the start or the last {@link #clear()}, in order.
	 * @return the messages
	 */
	public synchronized List<Message> published() {
		return List.copyOf(this.published);
	}

	/**
	 * The messages waiting to run, in the order they fall due.
	 * @return the messages
	 */
	public synchronized List<Message> waiting() {
		return this.waiting.stream().sorted(this.waiting.comparator()).toList();
	}

	/**
	 * The dead letters published, in order.
	 * @return the dead letters
	 */
	public synchronized List<DeadLetter> deadLetters() {
		return List.copyOf(this.deadLetters);
	}

	/**
	 * Forgets every message and dead letter.
	 */
	public synchronized void clear() {
		this.published.clear();
		this.waiting.clear();
		this.deadLetters.clear();
	}

	/**
	 * One job message.
	 *
	 * @param envelope the job as published
	 * @param body its encoded form, as a worker receives it
	 * @param dueAt when it is due
	 * @param sequence its place in the order of publishing, which orders messages due together
	 * @param deliveries how many times it was given back before
	 */
	public record Message(JobEnvelope envelope, byte[] body, Instant dueAt, long sequence, int deliveries) {

	}

}
