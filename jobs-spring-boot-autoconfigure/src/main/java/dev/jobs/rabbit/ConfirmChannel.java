package dev.jobs.rabbit;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ReturnListener;
import com.rabbitmq.client.ShutdownListener;
import com.rabbitmq.client.ShutdownSignalException;

/**
 * One long-lived channel in confirm mode, shared by the threads that publish through it.
 *
 * <p>Each publish takes the channel's next sequence number and gets a future for it. The broker
 * acknowledges in order and often many messages at once ({@code multiple}), so an ack completes
 * the futures of every sequence number up to its own: many threads waiting at the same time
 * share one confirm, which is what lets enqueue throughput grow with the number of callers.
 *
 * <p>A mandatory message that no queue takes is returned by the broker before it is acked;
 * the return is matched by message id and turns that message's ack into {@link Confirmation#returned}.
 * When the channel or its connection closes, every message still waiting is settled as
 * {@link Confirmation#lost}: the broker may or may not have it, and never said which.
 */
final class ConfirmChannel implements ConfirmListener, ReturnListener, ShutdownListener {

	private final Channel channel;

	private final int slot;

	/** Set once the channel nacked: it takes no new publishes and closes when drained. */
	private final AtomicBoolean retired = new AtomicBoolean();

	/** Where the close of a retired channel runs, once it is drained. */
	private volatile Executor closer;

	private final ConcurrentNavigableMap<Long, Pending> pending = new ConcurrentSkipListMap<>();

	/**
	 * Keeps a sequence number and its publish together. A lock, not {@code synchronized}: a
	 * virtual thread blocked in a socket write inside a monitor pins its carrier on JDK 21.
	 */
	private final ReentrantLock publishing = new ReentrantLock();

	private ConfirmChannel(Channel channel, int slot) {
		this.channel = channel;
		this.slot = slot;
	}

	/**
	 * Opens a channel on the connection and puts it in confirm mode.
	 * @param connection the publishing connection
	 * @param slot the place of the channel among its publisher's channels
	 * @return the channel
	 * @throws IOException if the channel cannot be opened
	 */
	static ConfirmChannel open(Connection connection, int slot) throws IOException {
		Channel channel = connection.createChannel();
		if (channel == null) {
			throw new IOException("RabbitMQ refused another channel on the publishing connection (channel_max reached)");
		}
		ConfirmChannel confirming = new ConfirmChannel(channel, slot);
		channel.addConfirmListener(confirming);
		channel.addReturnListener(confirming);
		channel.addShutdownListener(confirming);
		channel.confirmSelect();
		return confirming;
	}

	/**
	 * Whether the channel can still publish.
	 * @return {@code true} while it is open
	 */
	boolean isOpen() {
		return this.channel.isOpen();
	}

	/**
	 * Whether new publishes should go through this channel: open and not retired.
	 * @return {@code true} if usable
	 */
	boolean isUsable() {
		return !this.retired.get() && this.channel.isOpen();
	}

	/**
	 * The place of this channel among its publisher's channels.
	 * @return the slot
	 */
	int slot() {
		return this.slot;
	}

	/**
	 * Takes no more publishes and closes once every message already sent is settled, so that
	 * the acks and nacks still due on it reach their callers instead of turning into losses.
	 * @param closer runs the close, which must not run on the connection's own thread (it
	 * waits for the broker's reply, which that thread reads)
	 * @return {@code true} the first time, {@code false} if it was retired already
	 */
	boolean retire(Executor closer) {
		if (!this.retired.compareAndSet(false, true)) {
			return false;
		}
		this.closer = closer;
		closeIfDrained();
		return true;
	}

	private void closeIfDrained() {
		Executor executor = this.closer;
		if (executor != null && this.pending.isEmpty()) {
			this.closer = null;
			try {
				executor.execute(this::close);
			}
			catch (RejectedExecutionException ex) {
				// Shutting down: the publisher closes every channel.
			}
		}
	}

	/**
	 * Publishes a persistent, mandatory message.
	 * @param exchange the exchange
	 * @param routingKey the routing key
	 * @param properties the properties; the message id is what a return is matched by
	 * @param body the body
	 * @return how the broker settled the message
	 * @throws IOException if the message could not be written (the channel or connection is gone)
	 */
	CompletableFuture<Confirmation> publish(String exchange, String routingKey, AMQP.BasicProperties properties,
			byte[] body) throws IOException {
		Pending entry = new Pending(properties.getMessageId());
		this.publishing.lock();
		try {
			long sequence = this.channel.getNextPublishSeqNo();
			this.pending.put(sequence, entry);
			try {
				this.channel.basicPublish(exchange, routingKey, true, properties, body);
			}
			catch (IOException | RuntimeException ex) {
				this.pending.remove(sequence);
				throw (ex instanceof IOException io) ? io : new IOException(ex.getMessage(), ex);
			}
		}
		finally {
			this.publishing.unlock();
		}
		return entry.future;
	}

	@Override
	public void handleAck(long sequence, boolean multiple) {
		settle(sequence, multiple, true);
	}

	@Override
	public void handleNack(long sequence, boolean multiple) {
		settle(sequence, multiple, false);
	}

	private void settle(long sequence, boolean multiple, boolean acked) {
		if (multiple) {
			Map<Long, Pending> upTo = this.pending.headMap(sequence, true);
			upTo.values().forEach((entry) -> entry.settle(acked));
			upTo.clear();
		}
		else {
			Pending entry = this.pending.remove(sequence);
			if (entry != null) {
				entry.settle(acked);
			}
		}
		closeIfDrained();
	}

	/** Rare (an undeclared queue), so a scan of what is pending is fine. */
	@Override
	public void handleReturn(int replyCode, String replyText, String exchange, String routingKey,
			AMQP.BasicProperties properties, byte[] body) {
		String messageId = properties.getMessageId();
		for (Pending entry : this.pending.values()) {
			if (entry.messageId.equals(messageId)) {
				entry.returnedWith = replyText;
				return;
			}
		}
	}

	@Override
	public void shutdownCompleted(ShutdownSignalException cause) {
		String reason = (cause.getMessage() != null) ? cause.getMessage() : cause.toString();
		while (!this.pending.isEmpty()) {
			Map.Entry<Long, Pending> first = this.pending.pollFirstEntry();
			if (first != null) {
				first.getValue().future.complete(Confirmation.lost(reason));
			}
		}
	}

	/**
	 * Closes the channel; messages still waiting for their confirm are settled as lost.
	 */
	void close() {
		try {
			this.channel.close();
		}
		catch (IOException | TimeoutException | RuntimeException ex) {
			// Already closing with its connection: the shutdown listener settles what is pending.
		}
	}

	private static final class Pending {

		private final String messageId;

		private final CompletableFuture<Confirmation> future = new CompletableFuture<>();

		/** Written by the connection's thread before the ack, which the same thread handles. */
		private String returnedWith;

		Pending(String messageId) {
			this.messageId = messageId;
		}

		void settle(boolean acked) {
			if (!acked) {
				this.future.complete(Confirmation.NACKED);
			}
			else {
				this.future.complete((this.returnedWith != null) ? Confirmation.returned(this.returnedWith)
						: Confirmation.ACKED);
			}
		}

	}

	/**
	 * How the broker settled one message.
	 *
	 * @param outcome what happened
	 * @param detail the broker's reply text for a return, the shutdown reason for a loss, how
	 * many attempts were nacked
	 */
	record Confirmation(Outcome outcome, String detail) {

		static final Confirmation ACKED = new Confirmation(Outcome.ACKED, null);

		static final Confirmation NACKED = new Confirmation(Outcome.NACKED, null);

		static Confirmation nacked(int attempts) {
			return new Confirmation(Outcome.NACKED, "after " + attempts + " attempts");
		}

		static Confirmation returned(String replyText) {
			return new Confirmation(Outcome.RETURNED, replyText);
		}

		static Confirmation lost(String reason) {
			return new Confirmation(Outcome.LOST, reason);
		}

		/** The ways a confirm-mode publish can end. */
		enum Outcome {

			/** Accepted: persisted by a queue (or, for a delayed job, a delay level). */
			ACKED,

			/** Refused by the broker, for example a queue over its length limit. */
			NACKED,

			/** No queue took it; the broker acked it after returning it. */
			RETURNED,

			/** The channel closed before the broker said anything. */
			LOST

		}

	}

}
