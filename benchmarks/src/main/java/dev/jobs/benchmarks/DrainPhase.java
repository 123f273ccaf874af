package dev.jobs.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import dev.jobs.JobHandle;
import dev.jobs.JobOptions;
import dev.jobs.JobRequest;
import dev.jobs.JobStatus;
import dev.jobs.Jobs;

/**
 * A backlog drained by a freshly started worker, as after a deploy or a scale-up under load.
 * Each round:
 * <ol>
 * <li>fills {@code small} no-op jobs ({@code --drain-jobs}, 20,000 by default) into a job queue
 * no worker consumes, through {@code enqueueAll}, and waits until their {@code PENDING}
 * records are written and the broker is quiet;</li>
 * <li>then starts a worker in a JVM of its own ({@link WorkerProcess}, {@link DrainWorker}) with the
 * starter's defaults, and times it from the moment its consumers start to the last result
 * stored, on its own clock;</li>
 * <li>does the same with {@code large} jobs (100,000) and another fresh worker, then, with the
 * same worker stopped, fills {@code large} again and drains it warm;</li>
 * <li>fills {@code large} copies of a real job message into a queue declared like a job queue
 * and drains them with the plain client: as many consumers, with the same prefetch, as the
 * worker had, acknowledging each message (the broker's limit for this shape).</li>
 * </ol>
 * Over each drain it reads the CPU of the RabbitMQ node, of Redis and of the worker process
 * (from {@code /proc/<pid>/stat}), and of the worker's JIT compiler threads (from
 * {@code /proc/<pid>/task}, sampled every 100 ms), and the 1-minute load average before the
 * round, since the machine is shared. After each drain, the queue must be empty and a sample of
 * the jobs must read {@code SUCCESS}.
 */
final class DrainPhase implements PhaseRunner {

	private static final int SAMPLE = 100;

	private static final String[] JIT_THREADS = { "C1 CompilerThre", "C2 CompilerThre" };

	private final BenchmarkEnvironment environment;

	private final BenchmarkOptions options;

	private final BenchmarkOptions.DrainOptions drain;

	private final long brokerPid;

	private final long redisPid;

	private final BrokerAdmin.SampleMessage message;

	private final List<String> notes = new ArrayList<>();

	private String rawQueue;

	private Connection rawPublishing;

	private Connection rawConsuming;

	DrainPhase(BenchmarkEnvironment environment, BenchmarkOptions options) throws Exception {
		this.environment = environment;
		this.options = options;
		this.drain = options.drain();
		this.brokerPid = BrokerAdmin.nodePid(environment.rabbitFactory());
		this.redisPid = environment.keys().serverPid();
		this.message = environment.sampleMessage(this.drain.large());
	}

	@Override
	public Phase phase() {
		return Phase.DRAIN;
	}

	@Override
	public List<Metric> round() throws Exception {
		this.notes.clear();
		List<Metric> metrics = new ArrayList<>();
		metrics.add(new Metric("drain_load_1m", "1-minute load average before the round", "load", loadAverage()));
		WorkerProcess.Ready ready;
		List<String> sample = fill(this.drain.small());
		try (WorkerProcess worker = startWorker()) {
			ready = worker.awaitReady();
			metrics.addAll(drain(worker, sample, "drain20k", "fresh worker", this.drain.small()));
			metrics.add(startup("drain20k", ready));
		}
		sample = fill(this.drain.large());
		try (WorkerProcess worker = startWorker()) {
			WorkerProcess.Ready second = worker.awaitReady();
			metrics.addAll(drain(worker, sample, "drain100k", "fresh worker", this.drain.large()));
			metrics.add(startup("drain100k", second));
			sample = fill(this.drain.large());
			metrics.addAll(drain(worker, sample, "drain_warm", "the same worker, warm", this.drain.large()));
		}
		metrics.addAll(rawDrain(ready.concurrency(), ready.prefetch(), this.drain.large()));
		this.notes.add("drain: worker concurrency " + ready.concurrency() + ", prefetch " + ready.prefetch()
				+ "; raw drain with as many consumers and the same prefetch");
		return metrics;
	}

	private WorkerProcess startWorker() throws IOException {
		return WorkerProcess.start(this.drain, this.environment.drainQueue(), this.environment.keyPrefix(),
				this.options.springArgs());
	}

	private static Metric startup(String prefix, WorkerProcess.Ready ready) {
		return new Metric(prefix + "_startup_ms", "worker process start → consumers starting", "ms",
				ready.startup().toNanos() / 1e6);
	}

	/** One drain of a filled queue by a worker waiting for {@code go}, timed on the worker's clock. */
	private List<Metric> drain(WorkerProcess worker, List<String> sample, String prefix, String who, int count)
			throws Exception {
		ProcessCpu.ThreadSampler threads = new ProcessCpu.ThreadSampler(worker.pid());
		threads.sample();
		CpuMeter.Reading machineBefore = CpuMeter.read();
		long brokerBefore = ProcessCpu.processNanos(this.brokerPid);
		long redisBefore = ProcessCpu.processNanos(this.redisPid);
		long workerBefore = ProcessCpu.processNanos(worker.pid());
		long jitBefore = threads.nanos(JIT_THREADS);
		ScheduledExecutorService sampling = Executors.newSingleThreadScheduledExecutor();
		sampling.scheduleAtFixedRate(threads::sample, 100, 100, TimeUnit.MILLISECONDS);
		long nanos;
		try {
			worker.go(count);
			nanos = worker.awaitDone(Duration.ofSeconds(60).plusMillis(count * 10L));
		}
		finally {
			sampling.shutdownNow();
			sampling.awaitTermination(5, TimeUnit.SECONDS);
		}
		threads.sample();
		long workerNanos = ProcessCpu.processNanos(worker.pid()) - workerBefore;
		long jitNanos = threads.nanos(JIT_THREADS) - jitBefore;
		long brokerNanos = ProcessCpu.processNanos(this.brokerPid) - brokerBefore;
		long redisNanos = ProcessCpu.processNanos(this.redisPid) - redisBefore;
		CpuMeter.Reading machineAfter = CpuMeter.read();
		worker.awaitStopped();
		check(sample, count);
		String what = who + ", " + count + " jobs";
		return List.of(new Metric(prefix + "_jobs_per_s", what + ": consumers start → last result stored", "jobs/s",
				count * 1e9 / nanos),
				new Metric(prefix + "_worker_cpu_us", what + ": worker JVM CPU per job", "µs",
						perJob(workerNanos, workerBefore, count)),
				new Metric(prefix + "_jit_pct", what + ": JIT compiler threads' share of the worker's CPU", "%",
						(workerBefore < 0 || workerNanos <= 0) ? Double.NaN : 100.0 * jitNanos / workerNanos),
				new Metric(prefix + "_broker_cpu_us", what + ": RabbitMQ CPU per job", "µs",
						perJob(brokerNanos, brokerBefore, count)),
				new Metric(prefix + "_redis_cpu_us", what + ": Redis CPU per job", "µs",
						perJob(redisNanos, redisBefore, count)),
				new Metric(prefix + "_machine_cpu_us", what + ": machine CPU per job (every process)", "µs",
						perJob(machineAfter.machineNanos() - machineBefore.machineNanos(), machineBefore.machineNanos(),
								count)));
	}

	private static double perJob(long nanos, long before, int count) {
		return (before < 0) ? Double.NaN : nanos / 1e3 / count;
	}

	/**
	 * Queues the jobs with no worker on the queue, and waits until the last one's record is
	 * written and the broker is quiet.
	 * @return a sample of the job ids, spread over the fill
	 */
	private List<String> fill(int count) throws Exception {
		Jobs jobs = this.environment.jobs().with(JobOptions.defaults().queue(this.environment.drainQueue()));
		int stride = Math.max(1, count / SAMPLE);
		List<String> sample = new ArrayList<>();
		List<JobRequest> requests = new ArrayList<>(this.options.batch());
		String last = null;
		for (int n = 0; n < count; n++) {
			requests.add(JobRequest.of(BenchTasks.NOOP, (long) n));
			if (requests.size() == this.options.batch() || n == count - 1) {
				List<JobHandle<Object>> handles = jobs.enqueueAll(requests);
				int first = n + 1 - handles.size();
				for (int i = 0; i < handles.size(); i++) {
					if ((first + i) % stride == 0) {
						sample.add(handles.get(i).id());
					}
				}
				last = handles.get(handles.size() - 1).id();
				requests.clear();
			}
		}
		// The PENDING records are written in order by one writer thread: the last one written means all are.
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (jobs.handle(last).status() != JobStatus.PENDING) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("drain: the PENDING record of " + last + " was not written in 60 s");
			}
			Thread.sleep(20);
		}
		BrokerSettling.await(Duration.ofSeconds(10));
		return sample;
	}

	private void check(List<String> sample, int count) throws IOException {
		long left = this.environment.admin().depth(BenchmarkEnvironment.brokerQueue(this.environment.drainQueue()));
		if (left != 0) {
			throw new IllegalStateException("drain: " + left + " of " + count + " jobs still queued after the drain");
		}
		Jobs jobs = this.environment.jobs();
		List<String> wrong = sample.stream()
			.filter((id) -> jobs.handle(id).status() != JobStatus.SUCCESS)
			.map((id) -> id + "=" + jobs.handle(id).status())
			.toList();
		if (!wrong.isEmpty()) {
			throw new IllegalStateException("drain: sampled jobs without a SUCCESS result: " + wrong);
		}
		this.environment.deleteKeys();
	}

	/** The plain client's drain of the same backlog, in this JVM. */
	private List<Metric> rawDrain(int consumers, int prefetch, int count) throws Exception {
		RawClient client = rawClient();
		client.publishAll(this.options.producers(), count, this.options.confirmWindow());
		BrokerSettling.await(Duration.ofSeconds(10));
		CountDownLatch acked = new CountDownLatch(count);
		long brokerBefore = ProcessCpu.processNanos(this.brokerPid);
		long clientBefore = jvmNanos();
		long start = System.nanoTime();
		List<Channel> channels = client.startConsumers(consumers, prefetch, acked);
		RawClient.await(acked, "raw drain");
		long nanos = System.nanoTime() - start;
		long brokerNanos = ProcessCpu.processNanos(this.brokerPid) - brokerBefore;
		long clientNanos = jvmNanos() - clientBefore;
		RawClient.stop(channels);
		String what = "plain client, " + count + " messages";
		return List.of(new Metric("raw_drain_msgs_per_s", what + ": consumers start → last ack", "msgs/s",
				count * 1e9 / nanos),
				new Metric("raw_drain_broker_cpu_us", what + ": RabbitMQ CPU per message", "µs",
						perJob(brokerNanos, brokerBefore, count)),
				new Metric("raw_drain_client_cpu_us", what + ": client JVM CPU per message", "µs",
						perJob(clientNanos, clientBefore, count)));
	}

	private RawClient rawClient() throws Exception {
		if (this.rawQueue == null) {
			BenchmarkEnvironment.BrokerQueue declared = this.environment
				.brokerQueueLikeWorkerQueue(this.environment.ownJobQueue("raw-drain"));
			this.rawQueue = declared.name();
			this.rawPublishing = this.environment.rabbitFactory().newConnection("jobs-bench-raw-drain-publisher");
			this.rawConsuming = this.environment.rabbitFactory().newConnection("jobs-bench-raw-drain-consumer");
			try (Channel channel = this.rawPublishing.createChannel()) {
				channel.queueDeclare(this.rawQueue, true, false, false, declared.arguments());
			}
		}
		return new RawClient(this.rawPublishing, this.rawConsuming, this.rawQueue, this.message.properties(),
				this.message.body());
	}

	private static long jvmNanos() {
		return (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)
				? os.getProcessCpuTime() : -1;
	}

	private static double loadAverage() {
		try {
			return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
		}
		catch (IOException | RuntimeException ex) {
			return Double.NaN;
		}
	}

	@Override
	public List<String> notes() {
		return List.copyOf(this.notes);
	}

	@Override
	public void close() throws Exception {
		if (this.rawPublishing != null) {
			this.rawPublishing.close();
			this.rawConsuming.close();
		}
	}

}
