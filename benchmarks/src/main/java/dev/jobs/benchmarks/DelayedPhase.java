package dev.jobs.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

import dev.jobs.JobOptions;
import dev.jobs.JobRequest;
import dev.jobs.rabbit.topology.JobsTopology;
import dev.jobs.rabbit.topology.QueueType;

/**
 * Many jobs delayed far ahead ({@code --delayed-jobs}, {@code --delay}): how fast they are
 * enqueued, and the heap after GC before and after. Delays live in the broker, so the heap
 * should stay flat.
 *
 * <p>The starter does not have delays yet: the phase looks for a {@code delay(Duration)} method
 * on {@link JobOptions} and is skipped, saying so, until there is one. It then needs no change.
 *
 * <p>Afterwards it removes its delayed jobs from the broker: from every queue the starter's
 * topology declares besides job queues and the dead-letter queue (the delay levels), it takes
 * the messages routed to, or naming, this run's queue and leaves the others where they were. Any it missed would
 * arrive, when due, for a queue that no longer exists, and be dropped by the broker.
 */
final class DelayedPhase implements PhaseRunner {

	private final BenchmarkEnvironment environment;

	private final BenchmarkOptions options;

	private final Optional<Method> delay = delayMethod();

	private long removed;

	DelayedPhase(BenchmarkEnvironment environment, BenchmarkOptions options) {
		this.environment = environment;
		this.options = options;
	}

	/**
	 * {@code JobOptions.delay(Duration)}, static or not, if the starter has it.
	 * @return the method
	 */
	static Optional<Method> delayMethod() {
		return Arrays.stream(JobOptions.class.getMethods())
			.filter((method) -> method.getName().equals("delay"))
			.filter((method) -> Arrays.equals(method.getParameterTypes(), new Class<?>[] { Duration.class }))
			.filter((method) -> method.getReturnType() == JobOptions.class)
			.findFirst();
	}

	@Override
	public Phase phase() {
		return Phase.DELAYED;
	}

	@Override
	public Optional<String> skipReason() {
		return this.delay.isPresent() ? Optional.empty()
				: Optional.of("JobOptions has no delay(Duration) yet; this phase runs once the starter has delays");
	}

	@Override
	public List<Metric> round() throws Exception {
		JobOptions delayed = delayed(this.options.delay());
		int count = this.options.delayedJobs();
		int batch = this.options.batch();
		double heapBefore = heapAfterGc();
		ParallelProducers.Timing timing = ParallelProducers.run("delayed", 1, count, (thread, from, to) -> {
			List<JobRequest> requests = new ArrayList<>(batch);
			for (int n = from; n < to; n++) {
				requests.add(new JobRequest(BenchTasks.NOOP, List.of((long) n), delayed));
				if (requests.size() == batch || n == to - 1) {
					this.environment.jobs().enqueueAll(requests);
					requests.clear();
				}
			}
		});
		double heapAfter = heapAfterGc();
		this.removed += removeDelayedJobs();
		this.environment.deleteKeys();
		return List.of(new Metric("delayed_enqueue_per_s", count + " jobs delayed by " + BenchmarkOptions.print(this.options.delay()),
				"jobs/s", timing.perSecond(count)),
				new Metric("heap_before_mb", "heap after GC, before", "MiB", heapBefore),
				new Metric("heap_after_mb", "heap after GC, with the jobs delayed", "MiB", heapAfter),
				new Metric("heap_change_pct", "heap change", "%", (heapAfter - heapBefore) * 100 / heapBefore));
	}

	@Override
	public List<String> notes() {
		return List.of("delayed: removed " + this.removed + " delayed jobs of this run from the delay levels");
	}

	private JobOptions delayed(Duration delay) throws IllegalAccessException, InvocationTargetException {
		Method method = this.delay.orElseThrow();
		Object target = Modifier.isStatic(method.getModifiers()) ? null : JobOptions.defaults();
		return (JobOptions) method.invoke(target, delay);
	}

	private static double heapAfterGc() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
	}

	private long removeDelayedJobs() throws IOException, TimeoutException, InterruptedException {
		String queue = this.environment.queue();
		List<String> levels = new JobsTopology(JobsTopology.DEFAULT_PREFIX, QueueType.QUORUM, List::of)
			.delayQueueNames();
		AtomicLong taken = new AtomicLong();
		try (Connection connection = this.environment.rabbitFactory().newConnection("jobs-bench-delayed-cleanup")) {
			for (String level : levels) {
				try {
					removeFrom(connection, level, queue, taken);
				}
				catch (IOException | RuntimeException ex) {
					System.err.println("delayed: could not clean delay level " + level + ": " + ex);
				}
			}
		}
		return taken.get();
	}

	/**
	 * Takes this run's jobs off one queue. Every ready message is delivered once; this run's
	 * are acknowledged, the others stay unacknowledged until the channel closes, which puts them
	 * back where they were.
	 */
	private static void removeFrom(Connection connection, String level, String queue, AtomicLong taken)
			throws IOException, TimeoutException, InterruptedException {
		String inBody = "\"queue\":\"" + queue + "\"";
		try (Channel channel = connection.createChannel()) {
			long available = channel.queueDeclarePassive(level).getMessageCount();
			if (available == 0) {
				return;
			}
			CountDownLatch seen = new CountDownLatch((int) Math.min(Integer.MAX_VALUE, available));
			channel.basicConsume(level, false, new DefaultConsumer(channel) {
				@Override
				public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
						byte[] body) throws IOException {
					if (envelope.getRoutingKey().endsWith("." + queue) || envelope.getRoutingKey().equals(queue)
							|| new String(body, StandardCharsets.UTF_8).contains(inBody)) {
						getChannel().basicAck(envelope.getDeliveryTag(), false);
						taken.incrementAndGet();
					}
					seen.countDown();
				}
			});
			seen.await(2, TimeUnit.MINUTES);
		}
	}

}
