package dev.jobs.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

import dev.jobs.JobRequest;
import dev.jobs.JobStatus;
import dev.jobs.Jobs;

/**
 * Jobs through the starter from end to end. Each round:
 * <ol>
 * <li>{@code --producers} threads enqueue {@code --jobs} no-op jobs through the public API
 * ({@code jobs.enqueueAsync(...)}), each keeping at most {@code --confirm-window} jobs
 * unconfirmed as the raw publishers do, while the worker drains the queue and stores each
 * result in Redis;</li>
 * <li>the round ends when the last result is stored: every task has counted itself in, and the
 * latest job of each worker thread has its result (see {@link Completion}), so Redis is not
 * asked once per job;</li>
 * <li>a sample of results spread over the round is read back and must be {@code SUCCESS};</li>
 * <li>Redis commands executed during the round are counted, per job;</li>
 * <li>then the worker alone: with the worker stopped, {@code --jobs} jobs are queued with
 * {@code enqueueAll}, the worker is started, and the time to the last result is taken. This
 * tells whether {@code e2e} is bound by the producers or by the worker.</li>
 * </ol>
 */
final class EndToEndPhase implements PhaseRunner {

	private static final int SAMPLE = 100;

	private static final Duration RESULT_WAIT = Duration.ofSeconds(30);

	private final BenchmarkEnvironment environment;

	private final BenchmarkOptions options;

	private Map<String, Long> lastCommands = Map.of();

	EndToEndPhase(BenchmarkEnvironment environment, BenchmarkOptions options) {
		this.environment = environment;
		this.options = options;
	}

	@Override
	public Phase phase() {
		return Phase.E2E;
	}

	@Override
	public List<Metric> round() throws Exception {
		int count = this.options.jobs();
		Jobs jobs = this.environment.jobs();
		RunKeys keys = this.environment.keys();
		int stride = Math.max(1, count / SAMPLE);
		AtomicReferenceArray<String> sample = new AtomicReferenceArray<>((count + stride - 1) / stride);
		Completion completion = this.environment.tasks().expect(count);
		RedisCommandStats before = keys.commandStats();
		CpuMeter.Reading cpuBefore = CpuMeter.read();
		WindowedEnqueue producer = new WindowedEnqueue(jobs, this.options.confirmWindow());
		String task = this.options.feature().task();
		ParallelProducers.Timing enqueued = ParallelProducers.run("e2e-producer", this.options.producers(), count,
				(thread, from, to) -> producer.run(from, to, (n) -> JobRequest.of(task, (long) n),
						(id, n) -> {
							if (n % stride == 0) {
								sample.set(n / stride, id);
							}
						}));
		completion.awaitRun(Duration.ofSeconds(60).plusMillis(count * 10L));
		for (String id : completion.lastJobPerThread()) {
			jobs.handle(id).await(RESULT_WAIT);
		}
		long end = System.nanoTime();
		CpuMeter.Reading cpuAfter = CpuMeter.read();
		Map<String, Long> commands = keys.commandStats().since(before);
		checkSample(jobs, sample);
		this.environment.deleteKeys();
		this.lastCommands = commands;
		double drain = drain(count);
		long total = commands.values().stream().mapToLong(Long::longValue).sum();
		long scripts = commands.getOrDefault("evalsha", 0L) + commands.getOrDefault("eval", 0L);
		List<Metric> metrics = new ArrayList<>(List.of(
				new Metric("e2e_jobs_per_s", "first enqueue → last result stored", "jobs/s",
						enqueued.perSecond(count, end)),
				new Metric("e2e_enqueue_per_s", "enqueue rate while the worker drains", "jobs/s",
						enqueued.perSecond(count)),
				new Metric("e2e_drain_per_s", "worker alone: queued jobs → last result stored", "jobs/s", drain),
				new Metric("redis_cmds_per_job", "Redis commands per job (incl. inside scripts)", "cmds",
						(double) total / count),
				new Metric("redis_scripts_per_job", "Redis script calls per job (EVALSHA/EVAL)", "calls",
						(double) scripts / count)));
		metrics.addAll(2, cpuAfter.metrics(cpuBefore, count, "e2e", "enqueue → result", "application"));
		return metrics;
	}

	private double drain(int count) throws Exception {
		this.environment.stopWorker();
		Completion completion = this.environment.tasks().expect(count);
		try {
			List<JobRequest> requests = new ArrayList<>(this.options.batch());
			for (int n = 0; n < count; n++) {
				requests.add(JobRequest.of(this.options.feature().task(), (long) n));
				if (requests.size() == this.options.batch() || n == count - 1) {
					this.environment.jobs().enqueueAll(requests);
					requests.clear();
				}
			}
		}
		finally {
			this.environment.startWorker();
		}
		long start = System.nanoTime();
		completion.awaitRun(Duration.ofSeconds(60).plusMillis(count * 10L));
		for (String id : completion.lastJobPerThread()) {
			this.environment.jobs().handle(id).await(RESULT_WAIT);
		}
		long end = System.nanoTime();
		this.environment.deleteKeys();
		return count * 1e9 / (end - start);
	}

	private static void checkSample(Jobs jobs, AtomicReferenceArray<String> sample) {
		List<String> wrong = new ArrayList<>();
		for (int i = 0; i < sample.length(); i++) {
			String id = sample.get(i);
			if (id != null) {
				JobStatus status = jobs.handle(id).status();
				if (status != JobStatus.SUCCESS) {
					wrong.add(id + "=" + status);
				}
			}
		}
		if (!wrong.isEmpty()) {
			throw new IllegalStateException("e2e: sampled jobs without a SUCCESS result: " + wrong);
		}
	}

	@Override
	public List<String> notes() {
		return List.of("e2e: Redis commands in the last round, server-wide (other clients add to them): "
				+ this.lastCommands);
	}

}
