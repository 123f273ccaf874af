package dev.jobs.rabbit;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Acknowledges deliveries in the order their consumer took them, many at a time, from a thread
 * of its own ({@code jobs-acks}), so that a consumer can run its next job while the last one is
 * still being settled.
 *
 * <ol>
 * <li>A consumer keeps a {@link Ledger} per channel and enters each delivery in it, in delivery
 * order, before handing it to the worker.</li>
 * <li>When the delivery's settlement completes (its result stored, on the result writer's thread;
 * or at once, for a retry or a dead letter), its entry is marked to be acknowledged or given back,
 * and the ledger is queued for this thread.</li>
 * <li>This thread sends the longest run of marked entries at the head of the ledger: consecutive
 * acknowledgements as one {@code basic.ack} with {@code multiple} set, each give-back as a
 * {@code basic.nack} of its own, in order. An entry not yet marked holds back those after it, so
 * a multiple acknowledgement never covers a delivery whose settlement has not finished.</li>
 * </ol>
 * While this thread sends one channel's acknowledgements, more settlements finish; under load,
 * one frame then acknowledges many deliveries, which saves the broker as much work as it saves
 * this process.
 */
final class Acknowledger implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(Acknowledger.class);

	private final InFlight inFlight;

	private final Executor thread;

	/**
	 * An acknowledger with a thread of its own that tells {@code inFlight} of every delivery it
	 * settles.
	 * @param inFlight the worker's count of unsettled deliveries
	 */
	Acknowledger(InFlight inFlight) {
		this(inFlight, Executors.newSingleThreadExecutor(new CustomizableThreadFactory("jobs-acks-")));
	}

	/**
	 * An acknowledger that sends from the given executor.
	 * @param inFlight the worker's count of unsettled deliveries
	 * @param thread runs the sends one at a time, in the order they are submitted
	 */
	Acknowledger(InFlight inFlight, Executor thread) {
		this.inFlight = inFlight;
		this.thread = thread;
	}

	/**
	 * A ledger for a new channel.
	 * @param channel the channel whose deliveries it settles
	 * @return the ledger
	 */
	Ledger ledger(Channel channel) {
		return new Ledger(channel);
	}

	/** Stops the thread once the ledgers queued for it are sent. */
	@Override
	public void close() {
		if (this.thread instanceof ExecutorService executor) {
			executor.shutdown();
		}
	}

	/** What becomes of one delivery. */
	enum Decision {

		/** Acknowledge it: it is settled. */
		ACK,

		/** Give it back to the queue, for redelivery. */
		REQUEUE

	}

	/** The deliveries of one channel that are not yet acknowledged or given back, in delivery order. */
	final class Ledger {

		private final Channel channel;

		private final ReentrantLock lock = new ReentrantLock();

		private final ArrayDeque<Entry> entries = new ArrayDeque<>();

		private final AtomicBoolean queued = new AtomicBoolean();

		private Ledger(Channel channel) {
			this.channel = channel;
		}

		/**
		 * Whether its deliveries are still this worker's to settle: once the channel closed, the
		 * broker has taken them back.
		 * @return whether the channel is open
		 */
		boolean isOpen() {
			return this.channel.isOpen();
		}

		/**
		 * How long the oldest delivery not yet acknowledged or given back has waited since it was
		 * entered.
		 * @return the wait in nanoseconds, 0 if there is none
		 */
		long oldestWaitNanos() {
			this.lock.lock();
			try {
				Entry oldest = this.entries.peekFirst();
				return (oldest != null) ? System.nanoTime() - oldest.entered : 0;
			}
			finally {
				this.lock.unlock();
			}
		}

		/**
		 * Enters a delivery; call in delivery order, before its settlement can complete.
		 * @param tag its delivery tag
		 * @return the entry, to mark once the settlement completes
		 */
		Entry enter(long tag) {
			Entry entry = new Entry(this, tag);
			this.lock.lock();
			try {
				this.entries.addLast(entry);
			}
			finally {
				this.lock.unlock();
			}
			return entry;
		}

		private void marked() {
			if (this.queued.compareAndSet(false, true)) {
				try {
					Acknowledger.this.thread.execute(this::send);
				}
				catch (RejectedExecutionException ex) {
					// Stopped: the channel is closed or closing and the broker takes these back.
					this.queued.set(false);
					send();
				}
			}
		}

		private void send() {
			this.queued.set(false);
			List<Entry> settled = takeSettled();
			if (settled.isEmpty()) {
				return;
			}
			try {
				long acks = 0;
				for (Entry entry : settled) {
					if (entry.decision == Decision.ACK) {
						acks = entry.tag;
						continue;
					}
					if (acks != 0) {
						this.channel.basicAck(acks, true);
						acks = 0;
					}
					this.channel.basicNack(entry.tag, false, true);
				}
				if (acks != 0) {
					this.channel.basicAck(acks, true);
				}
			}
			catch (IOException | ShutdownSignalException ex) {
				logger.debug("Could not settle " + settled.size() + " deliveries on a closed channel; the broker "
						+ "redelivers them", ex);
			}
			finally {
				settled.forEach((entry) -> Acknowledger.this.inFlight.leave());
				settled.forEach(Entry::sent);
			}
		}

		private List<Entry> takeSettled() {
			List<Entry> settled = new ArrayList<>();
			this.lock.lock();
			try {
				while (!this.entries.isEmpty() && this.entries.peekFirst().decision != null) {
					settled.add(this.entries.pollFirst());
				}
			}
			finally {
				this.lock.unlock();
			}
			return settled;
		}

	}

	/** One delivery in a {@link Ledger}. */
	static final class Entry {

		private final Ledger ledger;

		private final long tag;

		private final long entered = System.nanoTime();

		private final AtomicBoolean marked = new AtomicBoolean();

		/** Written before {@link #decision}, whose volatile write publishes it. */
		private Runnable afterSent;

		private volatile Decision decision;

		private Entry(Ledger ledger, long tag) {
			this.ledger = ledger;
			this.tag = tag;
		}

		/**
		 * Marks the delivery settled: it is acknowledged or given back with the others before it.
		 * Only the first decision counts: a run abandoned at its hard time limit is settled while
		 * its thread is stuck, and settled again, in vain, if that thread comes back.
		 * @param decision what becomes of it
		 */
		void settle(Decision decision) {
			settle(decision, null);
		}

		/**
		 * Marks the delivery settled, and runs an action on the acknowledging thread once the
		 * decision has been sent to the broker (or could not be, the channel being closed).
		 * @param decision what becomes of it
		 * @param afterSent the action, or {@code null}
		 */
		void settle(Decision decision, Runnable afterSent) {
			if (!this.marked.compareAndSet(false, true)) {
				return;
			}
			this.afterSent = afterSent;
			this.decision = decision;
			this.ledger.marked();
		}

		private void sent() {
			if (this.afterSent != null) {
				this.afterSent.run();
			}
		}

	}

}
