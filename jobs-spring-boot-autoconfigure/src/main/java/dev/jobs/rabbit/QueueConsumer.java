package dev.jobs.rabbit;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.jobs.rabbit.topology.RabbitVersion;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;

/**
 * One consumer of a job queue, on a channel of its own, with the plain RabbitMQ client.
 *
 * <ol>
 * <li>The client runs a channel's deliveries one after another on a thread of the worker
 * connection's dispatch pool; the job runs right there, with no hand-off to another thread. So
 * a consumer runs one job at a time, and a queue's concurrency is its number of consumers.
 * Deliveries the broker pushed ahead (the prefetch) wait in the client until then. The consumer
 * does not wait for a finished job's result to be stored: the {@link Acknowledger} acknowledges
 * it once it is, while the next job runs. The prefetch bounds how far ahead it can get.</li>
 * <li>When its channel closes under it (the connection is lost, the broker restarts, the queue is
 * deleted), it subscribes again on a new channel, after a pause that grows while it keeps
 * failing. Its unacknowledged deliveries went back to the queue with the old channel.</li>
 * <li>{@link #cancel()} stops new deliveries; those already pushed ahead are given back
 * untouched as they come up, and {@link #close()} closes the channel, which gives back whatever
 * is still unacknowledged. Jobs still running are interrupted through the engine's
 * {@link dev.jobs.core.execution.RunningJobs}, never here.</li>
 * </ol>
 */
final class QueueConsumer {

	private static final Log logger = LogFactory.getLog(QueueConsumer.class);

	private static final Duration FIRST_PAUSE = Duration.ofMillis(500);

	private static final Duration LONGEST_PAUSE = Duration.ofSeconds(10);

	private final ConnectionFactory connectionFactory;

	private final WorkerQueue queue;

	private final String brokerQueue;

	private final JobDeliveryHandler handler;

	private final InFlight inFlight;

	private final Acknowledger acknowledger;

	private final ScheduledExecutorService recovery;

	private final ConsumerTimeouts timeouts;

	private volatile Subscription subscription;

	private volatile boolean stopping;

	private volatile boolean paused;

	/** Guarded by this consumer's monitor. */
	private Duration pause = FIRST_PAUSE;

	QueueConsumer(ConnectionFactory connectionFactory, WorkerQueue queue, String brokerQueue,
			JobDeliveryHandler handler, InFlight inFlight, Acknowledger acknowledger,
			ScheduledExecutorService recovery, ConsumerTimeouts timeouts) {
		this.timeouts = timeouts;
		this.connectionFactory = connectionFactory;
		this.queue = queue;
		this.brokerQueue = brokerQueue;
		this.handler = handler;
		this.inFlight = inFlight;
		this.acknowledger = acknowledger;
		this.recovery = recovery;
	}

	/**
	 * The job queue this consumer takes jobs from.
	 * @return its name
	 */
	String queueName() {
		return this.queue.name();
	}

	/** Subscribes now, or keeps trying in the background if the broker cannot be reached. */
	void start() {
		subscribeOrRetry();
	}

	private void subscribeOrRetry() {
		if (this.stopping || this.paused) {
			return;
		}
		try {
			Subscription subscribed = subscribe();
			this.subscription = subscribed;
			resetPause();
			if (this.stopping) {
				// Stopped while subscribing, after close() looked for a subscription to close.
				subscribed.retire();
			}
		}
		catch (IOException | RuntimeException ex) {
			retryLater("could not consume it (" + ex + ")");
		}
	}

	private Subscription subscribe() throws IOException {
		Channel channel = this.connectionFactory.createConnection().getDelegate().createChannel();
		if (channel == null) {
			throw new IOException("the broker has no channel left on the worker connection (channel_max)");
		}
		Subscription subscription = new Subscription(channel);
		try {
			channel.basicQos(this.queue.prefetch());
			channel.basicConsume(this.brokerQueue, false, "", false, false, consumerArguments(channel), subscription);
		}
		catch (IOException | RuntimeException ex) {
			subscription.retire();
			throw ex;
		}
		// Added last, so a failed subscription is retried once, from here; on a channel closed in
		// the meantime, the listener is called at once.
		channel.addShutdownListener(subscription::closed);
		return subscription;
	}

	private Map<String, Object> consumerArguments(Channel channel) {
		return this.timeouts.consumerArguments(version(channel.getConnection()), this.queue.prefetch());
	}

	/**
	 * The version a broker's connection announces.
	 * @param connection the connection
	 * @return the version, or {@code null} if it does not read as one
	 */
	static RabbitVersion version(Connection connection) {
		try {
			return RabbitVersion.parse(String.valueOf(connection.getServerProperties().get("version")));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private void retryLater(String why) {
		if (this.stopping) {
			return;
		}
		Duration wait = nextPause();
		logger.warn("Job queue '" + this.queue.name() + "': " + why + "; consuming again in " + wait);
		try {
			this.recovery.schedule(this::subscribeOrRetry, wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RuntimeException ex) {
			// The worker stopped meanwhile and its recovery thread is gone: nothing to come back for.
		}
	}

	/** Pauses double while subscribing keeps failing, from half a second up to ten. */
	private synchronized Duration nextPause() {
		Duration wait = this.pause;
		this.pause = (this.pause.compareTo(LONGEST_PAUSE.dividedBy(2)) <= 0) ? this.pause.multipliedBy(2)
				: LONGEST_PAUSE;
		return wait;
	}

	private synchronized void resetPause() {
		this.pause = FIRST_PAUSE;
	}

	/** Asks the broker to send no more deliveries; those pushed ahead are given back as they come up. */
	void cancel() {
		this.stopping = true;
		Subscription current = this.subscription;
		if (current != null) {
			current.cancel();
		}
	}

	/**
	 * Stops taking jobs from the queue while the channel stays open: the jobs running finish and
	 * are acknowledged as usual, and deliveries pushed ahead are given back unstarted.
	 */
	synchronized void pause() {
		if (this.paused) {
			return;
		}
		this.paused = true;
		Subscription current = this.subscription;
		if (current != null) {
			current.cancel();
		}
	}

	/** Takes jobs again after {@link #pause()}, on the same channel if it is still open. */
	synchronized void resume() {
		if (!this.paused) {
			return;
		}
		this.paused = false;
		Subscription current = this.subscription;
		if (current == null || current.retired.get()) {
			subscribeOrRetry();
			return;
		}
		try {
			Channel channel = current.getChannel();
			channel.basicConsume(this.brokerQueue, false, "", false, false, consumerArguments(channel), current);
		}
		catch (IOException | RuntimeException ex) {
			current.retire();
			retryLater("could not consume it again after a pause (" + ex + ")");
		}
	}

	/** Closes the channel: every delivery not yet acknowledged goes back to the queue. */
	void close() {
		this.stopping = true;
		Subscription current = this.subscription;
		if (current != null) {
			current.retire();
		}
	}

	private void run(Subscription subscription, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
		// Counted before the look at stopping: stop() either waits for this delivery or it is seen here.
		this.inFlight.enter();
		if (this.stopping || this.paused) {
			// Pushed ahead before shutdown or a pause began: give it back untouched rather than start it.
			subscription.ledger.enter(envelope.getDeliveryTag()).settle(Acknowledger.Decision.REQUEUE);
			return;
		}
		this.handler.handle(subscription.ledger, envelope, properties, body, subscription::replace);
	}

	/** The consumer on one channel; replaced by a new one when the channel closes. */
	private final class Subscription extends DefaultConsumer {

		private final AtomicBoolean retired = new AtomicBoolean();

		private final Acknowledger.Ledger ledger;

		Subscription(Channel channel) {
			super(channel);
			this.ledger = QueueConsumer.this.acknowledger.ledger(channel);
		}

		@Override
		public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
				byte[] body) {
			run(this, envelope, properties, body);
		}

		/** The broker cancelled the consumer, as it does when the queue is deleted. */
		@Override
		public void handleCancel(String consumerTag) {
			if (this.retired.compareAndSet(false, true)) {
				abort();
				retryLater("the broker cancelled its consumer");
			}
		}

		void closed(ShutdownSignalException cause) {
			if (this.retired.compareAndSet(false, true)) {
				retryLater("its channel closed (" + cause.getMessage() + ")");
			}
		}

		void cancel() {
			String tag = getConsumerTag();
			if (tag == null || this.retired.get()) {
				return;
			}
			try {
				getChannel().basicCancel(tag);
			}
			catch (IOException | RuntimeException ex) {
				// Closing the channel later gives back whatever this would have stopped.
				logger.debug("Could not cancel the consumer of job queue '" + QueueConsumer.this.queue.name() + "'", ex);
			}
		}

		void retire() {
			this.retired.set(true);
			abort();
		}

		/**
		 * Gives up this channel, whose dispatch thread is stuck in a job abandoned at its hard time
		 * limit, and consumes on a new one, on a new thread: the deliveries pushed ahead to this
		 * one go back to the queue with it.
		 */
		void replace() {
			logger.warn("Job queue '" + QueueConsumer.this.queue.name() + "': a consumer's thread is stuck in an"
					+ " abandoned job; consuming on a new channel and thread in its place");
			// Not retired first: closing it calls closed(), which subscribes again.
			abort();
		}

		private void abort() {
			try {
				getChannel().abort();
			}
			catch (IOException | RuntimeException ex) {
				// Closing fails only on a channel that is already gone, which is what was wanted.
				logger.debug("Closing the channel of job queue '" + QueueConsumer.this.queue.name() + "' failed", ex);
			}
		}

	}

}
