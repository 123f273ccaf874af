package dev.jobs.rabbit.deadletter;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.GetResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.jobs.core.envelope.EnvelopeCodec;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.port.DeadLetterEntry;
import dev.jobs.core.port.DeadLetterQuery;
import dev.jobs.core.port.DeadLetterQueue;
import dev.jobs.core.port.JobPublisher;
import dev.jobs.core.port.JobRecords;
import dev.jobs.core.port.ReplayResult;
import dev.jobs.rabbit.topology.JobsTopology;

import org.springframework.amqp.AmqpIOException;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

/**
 * The topology's dead-letter queue for operators. RabbitMQ cannot show a queue's
 * messages without taking them, so every operation works the same way:
 * <ol>
 * <li>open a channel of its own and take messages one by one without acknowledging them
 * ({@code basic.get}), reading each into a {@link DeadLetterEntry}; a message taken is held by
 * that channel and not seen again, so the walk ends when the queue has nothing more to give,
 * the query's limit is reached, or {@value #MAX_SCANNED} messages were taken;</li>
 * <li>act on the matching ones: a browse only reads them; a replay publishes each job back to
 * its job queue through the {@link JobPublisher} (persistent, mandatory, confirmed) and
 * acknowledges the dead letter only once the broker has confirmed the job; a purge
 * acknowledges them;</li>
 * <li>close the channel: every message not acknowledged goes back to the queue, unchanged.</li>
 * </ol>
 * While an operation runs, the messages it holds are invisible to other readers of the
 * dead-letter queue, but never lost: if this process dies, the broker gives them back when the
 * connection drops.
 *
 * <p>A browse that selects nothing but a number of entries (the dashboard's read of the queue)
 * is a {@link #first first read} instead: one consumer whose prefetch is that number, so that
 * the broker pushes the messages without a round trip each; a walk's {@code basic.get} costs one
 * per message (1.6 ms each with 100,000 in the queue on the benchmark machine).
 */
public final class RabbitDeadLetterQueue implements DeadLetterQueue {

	/** The most messages one operation takes from the queue, matching or not. */
	static final int MAX_SCANNED = 100_000;

	/**
	 * How many replayed jobs are in flight before their confirms are awaited and their dead
	 * letters acknowledged. Kept below 32, the number of unapplied commands past which a
	 * RabbitMQ 3.x quorum queue client holds acknowledgements back (see {@link Walk#close()}).
	 */
	private static final int REPLAY_BATCH = 16;

	/**
	 * How long a first read waits for one more delivery before it takes what it has: the rest
	 * of the messages counted at its start are held by another reader, or were taken.
	 */
	private static final Duration FIRST_READ_IDLE = Duration.ofSeconds(1);

	private static final Log logger = LogFactory.getLog(RabbitDeadLetterQueue.class);

	private final ConnectionFactory connectionFactory;

	private final JobPublisher publisher;

	private final DeadLetterReader reader;

	private final Duration confirmTimeout;

	private final String queue;

	private final JobRecords records;

	/**
	 * A dead-letter queue reached over the given connection, replaying through the given
	 * publisher.
	 * @param connectionFactory the factory whose connection reads the queue; the consuming one,
	 * so that publisher flow control never stalls the acknowledgements
	 * @param topology names the dead-letter queue and the job queues
	 * @param publisher publishes replayed jobs
	 * @param codec reads and writes job bodies
	 * @param confirmTimeout how long a replayed job may wait for its confirm
	 * @param records given the {@code PENDING} record of the new run of every confirmed replay
	 */
	public RabbitDeadLetterQueue(ConnectionFactory connectionFactory, JobsTopology topology, JobPublisher publisher,
			EnvelopeCodec codec, Duration confirmTimeout, JobRecords records) {
		this.connectionFactory = connectionFactory;
		this.queue = topology.deadLetterQueue();
		this.publisher = publisher;
		this.reader = new DeadLetterReader(codec, topology);
		this.confirmTimeout = confirmTimeout;
		this.records = records;
	}

	@Override
	public List<DeadLetterEntry> browse(DeadLetterQuery query) {
		if (!query.isSelective()) {
			return first(query.limit());
		}
		List<DeadLetterEntry> entries = new ArrayList<>();
		try (Walk walk = new Walk(query)) {
			Taken taken;
			while (entries.size() < query.limit() && (taken = walk.next()) != null) {
				entries.add(taken.read().entry());
			}
		}
		return entries;
	}

	/**
	 * The first entries of the queue, at most as many as were ready when the read started: a
	 * consumer with that prefetch receives them, nothing is acknowledged, and closing the channel
	 * gives every one back, in its place.
	 */
	private List<DeadLetterEntry> first(int limit) {
		Channel channel = openChannel();
		try {
			long ready = channel.queueDeclarePassive(this.queue).getMessageCount();
			int wanted = (int) Math.min(limit, ready);
			List<DeadLetterEntry> entries = new ArrayList<>(wanted);
			if (wanted == 0) {
				return entries;
			}
			BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
			channel.basicQos(wanted);
			channel.basicConsume(this.queue, false, (tag, delivery) -> deliveries.add(delivery), (tag) -> {
			});
			while (entries.size() < wanted) {
				Delivery delivery = deliveries.poll(FIRST_READ_IDLE.toMillis(), TimeUnit.MILLISECONDS);
				if (delivery == null) {
					break;
				}
				entries.add(this.reader.read(delivery.getProperties(), delivery.getBody(), entries.size()).entry());
			}
			return entries;
		}
		catch (IOException ex) {
			throw new AmqpIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while reading " + this.queue
					+ "; every message read goes back to it", ex);
		}
		finally {
			close(channel);
		}
	}

	private Channel openChannel() {
		try {
			return this.connectionFactory.createConnection()
				.getDelegate()
				.openChannel()
				.orElseThrow(() -> new IllegalStateException("No channel left on the connection to RabbitMQ"
						+ " for reading " + this.queue + " (channel_max reached)"));
		}
		catch (IOException ex) {
			throw new AmqpIOException(ex);
		}
	}

	private static void close(Channel channel) {
		try {
			if (channel.isOpen()) {
				channel.close();
			}
		}
		catch (IOException | TimeoutException | RuntimeException ex) {
			// The broker gives back unacknowledged messages however the channel ends.
			logger.debug("Dead-letter channel did not close cleanly", ex);
		}
	}

	@Override
	public ReplayResult replay(DeadLetterQuery query) {
		Tally tally = new Tally();
		List<InFlight> batch = new ArrayList<>(REPLAY_BATCH);
		try (Walk walk = new Walk(query)) {
			int matched = 0;
			Taken taken;
			while (matched < query.limit() && (taken = walk.next()) != null) {
				matched++;
				JobEnvelope job = taken.read().envelope();
				if (job == null) {
					logger.warn("Dead letter " + describe(taken) + " left in place: its body is not a job, so it"
							+ " cannot be replayed; purge it by position, message id or reason once inspected");
					tally.skipped++;
					continue;
				}
				batch.add(publish(walk, batch, tally, taken, job));
				if (batch.size() == REPLAY_BATCH) {
					settle(walk, batch, tally);
				}
			}
			settle(walk, batch, tally);
		}
		return new ReplayResult(tally.replayed, tally.skipped);
	}

	private InFlight publish(Walk walk, List<InFlight> batch, Tally tally, Taken taken, JobEnvelope job) {
		JobEnvelope replay = job.replayed();
		try {
			CompletableFuture<Void> confirm = this.publisher.publish(replay);
			confirm.thenRun(() -> this.records.pending(List.of(replay)));
			return new InFlight(taken, confirm);
		}
		catch (RuntimeException ex) {
			settle(walk, batch, tally);
			throw new IllegalStateException("Replay stopped after " + tally.replayed + " replayed and " + tally.skipped
					+ " skipped: job " + job.id() + " (task '" + job.task() + "') could not be published: "
					+ ex.getMessage() + "; the remaining entries stay in the dead-letter queue", ex);
		}
	}

	/**
	 * Waits for the batch's confirms and removes from the dead-letter queue exactly the entries
	 * whose job the broker confirmed and routed.
	 */
	private void settle(Walk walk, List<InFlight> batch, Tally tally) {
		long deadline = System.nanoTime() + this.confirmTimeout.toNanos();
		for (InFlight inFlight : batch) {
			try {
				inFlight.confirm().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
				walk.remove(inFlight.taken());
				tally.replayed++;
			}
			catch (ExecutionException ex) {
				logger.warn("Dead letter " + describe(inFlight.taken())
						+ " left in place: its replay was not accepted (" + ex.getCause().getMessage() + ")");
				tally.skipped++;
			}
			catch (TimeoutException ex) {
				logger.warn("Dead letter " + describe(inFlight.taken()) + " left in place: its replay was not confirmed"
						+ " within " + this.confirmTimeout + "; if the broker took it after all, a later replay runs"
						+ " the job a second time");
				tally.skipped++;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while replaying dead letters; the entries not yet"
						+ " confirmed stay in the dead-letter queue", ex);
			}
		}
		batch.clear();
	}

	@Override
	public int purge(DeadLetterQuery query) {
		if (!query.isSelective()) {
			throw new IllegalArgumentException(
					"A purge must name a task, a queue, job ids, a reason, message ids or positions; to empty the"
							+ " whole dead-letter queue, purge "
							+ this.queue + " in RabbitMQ itself");
		}
		int purged = 0;
		try (Walk walk = new Walk(query)) {
			Taken taken;
			while (purged < query.limit() && (taken = walk.next()) != null) {
				walk.remove(taken);
				purged++;
			}
		}
		return purged;
	}

	private static String describe(Taken taken) {
		DeadLetterEntry entry = taken.read().entry();
		if (entry.jobId() == null) {
			return "at position " + entry.position() + " (message id " + entry.original().messageId() + ", reason "
					+ entry.reason() + ", queue '" + entry.queue() + "')";
		}
		return "for job " + entry.jobId() + " (task '" + entry.task() + "', queue '" + entry.queue() + "')";
	}

	/**
	 * One walk through the dead-letter queue on a channel of its own, yielding the messages that
	 * match a query. Closing it gives back every message it did not remove.
	 */
	private final class Walk implements AutoCloseable {

		private final DeadLetterQuery query;

		private final Channel channel;

		private int taken;

		private int removed;

		Walk(DeadLetterQuery query) {
			this.query = query;
			this.channel = openChannel();
		}

		/**
		 * Takes messages until one matches.
		 * @return the next matching message, or {@code null} when the walk is over
		 */
		Taken next() {
			try {
				while (this.taken < MAX_SCANNED) {
					GetResponse response = this.channel.basicGet(RabbitDeadLetterQueue.this.queue, false);
					if (response == null) {
						return null;
					}
					DeadLetterReader.Read read = RabbitDeadLetterQueue.this.reader.read(response.getProps(),
							response.getBody(), this.taken);
					this.taken++;
					if (this.query.matches(read.entry())) {
						return new Taken(response.getEnvelope().getDeliveryTag(), read);
					}
				}
				logger.info("Stopped reading " + RabbitDeadLetterQueue.this.queue + " after " + MAX_SCANNED
						+ " messages; narrow the query or repeat the operation");
				return null;
			}
			catch (IOException ex) {
				throw new AmqpIOException(ex);
			}
		}

		void remove(Taken message) {
			try {
				this.channel.basicAck(message.deliveryTag(), false);
				this.removed++;
			}
			catch (IOException ex) {
				throw new AmqpIOException(ex);
			}
		}

		/**
		 * Gives back every message not removed. A RabbitMQ 3.x quorum queue client holds
		 * acknowledgements back while more than 32 of its commands are unapplied, and drops the
		 * held ones when the channel closes, which returns those messages to the queue as if
		 * never acknowledged. One more synchronous {@code basic.get} first lets the channel
		 * catch up and send them (whatever it takes is given back with the rest).
		 */
		@Override
		public void close() {
			try {
				if (this.removed > 0 && this.channel.isOpen()) {
					this.channel.basicGet(RabbitDeadLetterQueue.this.queue, false);
				}
			}
			catch (IOException | RuntimeException ex) {
				logger.debug("Dead-letter channel could not catch up before closing", ex);
			}
			RabbitDeadLetterQueue.close(this.channel);
		}

	}

	private record Taken(long deliveryTag, DeadLetterReader.Read read) {
	}

	private record InFlight(Taken taken, CompletableFuture<Void> confirm) {
	}

	private static final class Tally {

		private int replayed;

		private int skipped;

	}

}
