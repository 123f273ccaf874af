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
 * The broker's own limit, measured with the plain RabbitMQ Java client and no starter code, with
 * the settings the starter uses:
 *
 * <ul>
 * <li>a durable queue of this run's own, declared with the arguments the starter's topology
 * gives a job queue (quorum, delivery limit, dead-lettering);</li>
 * <li>persistent messages with the properties, headers and body of a real job message (one
 * job is enqueued through the starter and read back to take them), published with the
 * mandatory flag;</li>
 * <li>publisher confirms, asynchronous and windowed: each publisher keeps at most
 * {@code --confirm-window} messages unconfirmed, on its own channel of one publishing
 * connection, as many publishers as {@code e2e} has producers;</li>
 * <li>a second connection for consuming, as the starter has: as many consumers as the worker's
 * concurrency, each on its own channel with the worker's prefetch, acknowledging each message
 * manually.</li>
 * </ul>
 *
 * Each round measures publishing alone (no consumer), then publishing and consuming at once,
 * from the first publish to the last acknowledgement.
 */
final class RawBrokerPhase implements PhaseRunner {

	private static final Duration TIMEOUT = Duration.ofMinutes(5);

	private final BenchmarkEnvironment environment;

	private final BenchmarkOptions options;

	private final byte[] body;

	private final AMQP.BasicProperties properties;

	private String queue;

	private Connection publishing;

	private Connection consuming;

	RawBrokerPhase(BenchmarkEnvironment environment, BenchmarkOptions options) throws Exception {
		this.environment = environment;
		this.options = options;
		BrokerAdmin.SampleMessage sample = environment.sampleMessage(options.jobs());
		this.body = sample.body();
		this.properties = sample.properties();
	}

	@Override
	public Phase phase() {
		return Phase.RAW;
	}

	@Override
	public List<Metric> round() throws Exception {
		open();
		int count = this.options.jobs();
		double publishOnly = publishAll(this.options.producers(), count).perSecond(count);
		this.environment.purge(jobQueueName());
		CpuMeter.Reading oneThreadBefore = CpuMeter.read();
		double publishOneThread = publishAll(1, count).perSecond(count);
		CpuMeter.Reading oneThreadAfter = CpuMeter.read();
		this.environment.purge(jobQueueName());
		CountDownLatch acked = new CountDownLatch(count);
		List<Channel> consumers = startConsumers(acked);
		CpuMeter.Reading cpuBefore = CpuMeter.read();
		ParallelProducers.Timing timing = publishAll(this.options.producers(), count);
		if (!acked.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException("raw: " + acked.getCount() + " messages not consumed after " + TIMEOUT);
		}
		long end = System.nanoTime();
		CpuMeter.Reading cpuAfter = CpuMeter.read();
		stop(consumers);
		List<Metric> metrics = new ArrayList<>(List.of(
				new Metric("raw_publish_per_s", "publish only (confirmed)", "msgs/s", publishOnly),
				new Metric("raw_publish_1_per_s", "publish only, 1 thread (the shape of enqueueAll)", "msgs/s",
						publishOneThread),
				new Metric("raw_msgs_per_s", "publish + consume, first publish → last ack", "msgs/s",
						timing.perSecond(count, end))));
		metrics.addAll(cpuAfter.metrics(cpuBefore, count, "raw", "publish + consume", "client"));
		metrics.addAll(oneThreadAfter.metrics(oneThreadBefore, count, "raw_publish_1", "publish, 1 thread", "client"));
		return metrics;
	}

	@Override
	public List<String> notes() {
		return List.of("raw: body " + this.body.length + " bytes, headers " + this.properties.getHeaders().keySet()
				+ ", delivery mode " + this.properties.getDeliveryMode() + " (a real job message of task "
				+ BenchTasks.NOOP + "); queue " + this.queue
				+ " declared with the starter's job-queue arguments");
	}

	private void open() throws Exception {
		if (this.publishing != null) {
			return;
		}
		String jobQueue = this.environment.ownJobQueue("raw");
		BenchmarkEnvironment.BrokerQueue declared = this.environment.brokerQueueLikeWorkerQueue(jobQueue);
		this.queue = declared.name();
		this.publishing = this.environment.rabbitFactory().newConnection("jobs-bench-raw-publisher");
		this.consuming = this.environment.rabbitFactory().newConnection("jobs-bench-raw-consumer");
		try (Channel channel = this.publishing.createChannel()) {
			channel.queueDeclare(this.queue, true, false, false, declared.arguments());
		}
	}

	private String jobQueueName() {
		return this.queue.substring("jobs.".length());
	}

	private ParallelProducers.Timing publishAll(int threads, int count) throws Exception {
		AtomicLong returned = new AtomicLong();
		ParallelProducers.Timing timing = ParallelProducers.run("raw-publisher", threads, count,
				(thread, from, to) -> publish(to - from, returned));
		if (returned.get() > 0) {
			throw new IllegalStateException("raw: the broker returned " + returned.get() + " unroutable messages");
		}
		return timing;
	}

	private void publish(int count, AtomicLong returned) throws Exception {
		int window = this.options.confirmWindow();
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

	private List<Channel> startConsumers(CountDownLatch acked) throws IOException {
		List<Channel> channels = new ArrayList<>();
		for (int i = 0; i < this.options.concurrency(); i++) {
			Channel channel = this.consuming.createChannel();
			channel.basicQos(this.options.prefetch());
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

	private static void stop(List<Channel> channels) throws Exception {
		for (Channel channel : channels) {
			channel.close();
		}
	}

	@Override
	public void close() throws Exception {
		if (this.publishing != null) {
			this.publishing.close();
			this.consuming.close();
		}
	}

}
