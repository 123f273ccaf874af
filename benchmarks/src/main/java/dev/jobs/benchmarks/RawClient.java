package dev.jobs.benchmarks;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

/**
 * The plain RabbitMQ client on one broker queue, as {@code raw} and {@code drain} use it:
 * windowed confirmed publishing of copies of one real job message on a publishing connection,
 * and manually acknowledging consumers on a consuming connection, one channel each.
 */
final class RawClient {

	private static final Duration TIMEOUT = Duration.ofMinutes(5);

	private final Connection publishing;

	private final Connection consuming;

	private final String queue;

	private final AMQP.BasicProperties properties;

	private final byte[] body;

	RawClient(Connection publishing, Connection consuming, String queue, AMQP.BasicProperties properties,
			byte[] body) {
		this.publishing = publishing;
		this.consuming = consuming;
		this.queue = queue;
		this.properties = properties;
		this.body = body;
	}

	/**
	 * Publishes copies of the message from several threads, each on its own channel with at
	 * most {@code window} unconfirmed.
	 * @param threads publishing threads
	 * @param count messages in all
	 * @param window unconfirmed messages per channel
	 * @return when the first thread started and the last one had every confirm
	 */
	ParallelProducers.Timing publishAll(int threads, int count, int window) throws Exception {
		AtomicLong returned = new AtomicLong();
		ParallelProducers.Timing timing = ParallelProducers.run("raw-publisher", threads, count,
				(thread, from, to) -> publish(to - from, window, returned));
		if (returned.get() > 0) {
			throw new IllegalStateException("raw: the broker returned " + returned.get() + " unroutable messages");
		}
		return timing;
	}

	private void publish(int count, int window, AtomicLong returned) throws Exception {
		Semaphore permits = new Semaphore(window);
		NavigableSet<Long> unconfirmed = new ConcurrentSkipListSet<>();
		AtomicLong nacked = new AtomicLong();
		try (Channel channel = this.publishing.createChannel()) {
			channel.confirmSelect();
			channel.addReturnListener((reply) -> returned.incrementAndGet());
			channel.addConfirmListener((tag, multiple) -> confirmed(unconfirmed, permits, tag, multiple),
					(tag, multiple) -> {
						nacked.incrementAndGet();
						confirmed(unconfirmed, permits, tag, multiple);
					});
			for (int i = 0; i < count; i++) {
				permits.acquire();
				unconfirmed.add(channel.getNextPublishSeqNo());
				channel.basicPublish("", this.queue, true, this.properties, this.body);
			}
			if (!permits.tryAcquire(window, TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException("raw: " + unconfirmed.size() + " publishes unconfirmed after " + TIMEOUT);
			}
		}
		if (nacked.get() > 0) {
			throw new IllegalStateException("raw: the broker refused " + nacked.get() + " publishes");
		}
	}

	private static void confirmed(NavigableSet<Long> unconfirmed, Semaphore permits, long tag, boolean multiple) {
		if (multiple) {
			NavigableSet<Long> settled = unconfirmed.headSet(tag, true);
			int count = 0;
			while (settled.pollFirst() != null) {
				count++;
			}
			permits.release(count);
		}
		else if (unconfirmed.remove(tag)) {
			permits.release();
		}
	}

	/**
	 * Starts consumers that acknowledge each message on its own and count it.
	 * @param consumers how many, each on its own channel
	 * @param prefetch basic.qos of each channel
	 * @param acked counted down once per acknowledged message
	 * @return the consumers' channels
	 */
	List<Channel> startConsumers(int consumers, int prefetch, CountDownLatch acked) throws IOException {
		List<Channel> channels = new ArrayList<>();
		for (int i = 0; i < consumers; i++) {
			Channel channel = this.consuming.createChannel();
			channel.basicQos(prefetch);
			channel.basicConsume(this.queue, false, new DefaultConsumer(channel) {
				@Override
				public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
						byte[] body) throws IOException {
					getChannel().basicAck(envelope.getDeliveryTag(), false);
					acked.countDown();
				}
			});
			channels.add(channel);
		}
		return channels;
	}

	/**
	 * Waits for every message to be acknowledged.
	 * @param acked the consumers' count
	 * @param what the phase, for the error
	 */
	static void await(CountDownLatch acked, String what) throws InterruptedException {
		if (!acked.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException(what + ": " + acked.getCount() + " messages not consumed after " + TIMEOUT);
		}
	}

	/**
	 * Closes consumers' channels.
	 * @param channels the channels
	 */
	static void stop(List<Channel> channels) throws Exception {
		for (Channel channel : channels) {
			channel.close();
		}
	}

}
