package dev.jobs.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

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

	private final BenchmarkEnvironment environment;

	private final BenchmarkOptions options;

	private final byte[] body;

	private final AMQP.BasicProperties properties;

	private String queue;

	private Connection publishing;

	private Connection consuming;

	private RawClient client;

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
		RawClient.await(acked, "raw");
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
		this.client = new RawClient(this.publishing, this.consuming, this.queue, this.properties, this.body);
	}

	private String jobQueueName() {
		return this.queue.substring("jobs.".length());
	}

	private ParallelProducers.Timing publishAll(int threads, int count) throws Exception {
		return this.client.publishAll(threads, count, this.options.confirmWindow());
	}

	private List<Channel> startConsumers(CountDownLatch acked) throws IOException {
		return this.client.startConsumers(this.options.concurrency(), this.options.prefetch(), acked);
	}

	private static void stop(List<Channel> channels) throws Exception {
		RawClient.stop(channels);
	}

	@Override
	public void close() throws Exception {
		if (this.publishing != null) {
			this.publishing.close();
			this.consuming.close();
		}
	}

}
