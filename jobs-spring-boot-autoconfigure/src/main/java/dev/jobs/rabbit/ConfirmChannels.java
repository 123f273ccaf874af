package dev.jobs.rabbit;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.ReentrantLock;

import com.rabbitmq.client.BlockedListener;
import com.rabbitmq.client.Connection;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * A few long-lived {@link ConfirmChannel}s on the publishing connection, each publishing thread
 * always given the same one.
 *
 * <p>Why not Spring's channel cache: with correlated confirms a cached channel goes back to the
 * cache only once all its confirms have arrived, so busy publishers keep opening channels (two
 * round trips each; measured one per dozen jobs in bulk). Long-lived channels never wait for
 * that, and threads that share one share its confirms.
 *
 * <p>A channel that closed (its connection was lost, or the broker closed it) is replaced on
 * the next publish through it; the connection factory reconnects. A channel that nacked is
 * {@linkplain #retire retired}: replaced at once for new publishes, and closed once the
 * confirms it still owes have come (or after the confirm timeout), because on RabbitMQ 3.10 a
 * channel that saw a quorum queue's leader die can go on nacking every publish to that queue
 * while a new channel publishes normally ({@link NackRetry}).
 *
 * <p>While RabbitMQ blocks publishers (a memory or disk alarm) it stops reading what they send:
 * a publish would wait for a confirm that cannot come, and once the socket's buffers are full,
 * hang inside the write. So from the broker's {@code connection.blocked} notice until its
 * {@code connection.unblocked}, publishing fails at once, naming the alarm.
 */
final class ConfirmChannels implements DisposableBean {

	private final ConnectionFactory connectionFactory;

	private final AtomicReferenceArray<ConfirmChannel> channels;

	private volatile Connection watched;

	private volatile String blockedBecause;

	private final ScheduledExecutorService scheduler;

	private final Duration drainTimeout;

	/** Opening does network I/O: a lock rather than a monitor, so virtual threads do not pin. */
	private final ReentrantLock opening = new ReentrantLock();

	/**
	 * Channels on the given factory's connection.
	 * @param connectionFactory the publishing connection factory
	 * @param count how many channels; the broker routes each channel's messages in its own process
	 * @param scheduler closes retired channels, off the connection's thread
	 * @param drainTimeout how long a retired channel may wait for its outstanding confirms
	 */
	ConfirmChannels(ConnectionFactory connectionFactory, int count, ScheduledExecutorService scheduler,
			Duration drainTimeout) {
		this.connectionFactory = connectionFactory;
		this.channels = new AtomicReferenceArray<>(count);
		this.scheduler = scheduler;
		this.drainTimeout = drainTimeout;
	}

	/**
	 * The channel of the calling thread, opened if it is not open.
	 * @return an open channel in confirm mode
	 * @throws IOException if no channel can be opened
	 * @throws org.springframework.amqp.AmqpException if the broker cannot be reached
	 */
	ConfirmChannel forCurrentThread() throws IOException {
		return inSlot((int) Math.floorMod(Thread.currentThread().getId(), (long) this.channels.length()));
	}

	/**
	 * The usable channel in a slot, opened if the one there closed or was retired.
	 * @param slot the slot, as {@link ConfirmChannel#slot()} names it
	 * @return an open channel in confirm mode
	 * @throws IOException if no channel can be opened
	 * @throws org.springframework.amqp.AmqpException if the broker cannot be reached
	 */
	ConfirmChannel inSlot(int slot) throws IOException {
		String blocked = this.blockedBecause;
		Connection current = this.watched;
		if (blocked != null && current != null && current.isOpen()) {
			throw new IOException("RabbitMQ is blocking publishers (" + blocked + "): a resource alarm, usually "
					+ "memory or disk; see the broker's log. Publishing resumes when the alarm clears");
		}
		ConfirmChannel channel = this.channels.get(slot);
		if (channel != null && channel.isUsable()) {
			return channel;
		}
		this.opening.lock();
		try {
			channel = this.channels.get(slot);
			if (channel == null || !channel.isUsable()) {
				Connection connection = this.connectionFactory.createConnection().getDelegate();
				watch(connection);
				channel = ConfirmChannel.open(connection, slot);
				this.channels.set(slot, channel);
			}
			return channel;
		}
		finally {
			this.opening.unlock();
		}
	}

	/**
	 * Retires a channel that nacked: the next publish in its slot opens a new one, and this one
	 * closes once drained, or after the drain timeout at the latest.
	 * @param channel the channel
	 */
	void retire(ConfirmChannel channel) {
		if (!channel.retire(this.scheduler)) {
			return;
		}
		try {
			this.scheduler.schedule(channel::close, this.drainTimeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// Shutting down: destroy() closes the channels still in their slots, and this one is
			// closed with its connection.
		}
	}

	/** Follows the blocked state of the connection in use; a new connection starts unblocked. */
	private void watch(Connection connection) {
		if (this.watched == connection) {
			return;
		}
		this.watched = connection;
		this.blockedBecause = null;
		connection.addBlockedListener(new BlockedListener() {
			@Override
			public void handleBlocked(String reason) {
				if (ConfirmChannels.this.watched == connection) {
					ConfirmChannels.this.blockedBecause = reason;
				}
			}

			@Override
			public void handleUnblocked() {
				if (ConfirmChannels.this.watched == connection) {
					ConfirmChannels.this.blockedBecause = null;
				}
			}
		});
	}

	@Override
	public void destroy() {
		for (int i = 0; i < this.channels.length(); i++) {
			ConfirmChannel channel = this.channels.getAndSet(i, null);
			if (channel != null) {
				channel.close();
			}
		}
	}

}
