package dev.jobs.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

import dev.jobs.Jobs;

/**
 * Latency at a fixed offered rate ({@code --rate} jobs a second for {@code --duration}), with
 * the worker running. The schedule is open-loop: job {@code i} is due at
 * {@code start + i / rate}, whether or not earlier enqueues have returned, and
 * {@code --senders} threads take the jobs in turn and send each when it is due. Latencies are
 * measured from the due time, so a sender that falls behind shows as latency instead of
 * silently lowering the rate (no coordinated omission).
 * <ul>
 * <li>enqueue call: due time → {@code enqueue} returned (the broker confirmed the job);</li>
 * <li>enqueue to start: due time → the task started on a worker thread (the job carries its due
 * time on this JVM's clock as its argument).</li>
 * </ul>
 */
final class LatencyPhase implements PhaseRunner {

	private final BenchmarkEnvironment environment;

	private final BenchmarkOptions options;

	LatencyPhase(BenchmarkEnvironment environment, BenchmarkOptions options) {
		this.environment = environment;
		this.options = options;
	}

	@Override
	public Phase phase() {
		return Phase.LATENCY;
	}

	@Override
	public List<Metric> round() throws Exception {
		int rate = this.options.rate();
		int count = (int) Math.max(1, rate * this.options.duration().toNanos() / 1_000_000_000L);
		double interval = 1e9 / rate;
		Jobs jobs = this.environment.jobs();
		Histogram call = BenchTasks.newHistogram();
		Histogram start = this.environment.tasks().resetStartLatency();
		Completion completion = this.environment.tasks().expect(count);
		AtomicInteger next = new AtomicInteger();
		long origin = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
		ParallelProducers.Timing sent = ParallelProducers.run("latency-sender", this.options.senders(),
				this.options.senders(), (thread, from, to) -> {
					int i;
					while ((i = next.getAndIncrement()) < count) {
						long due = origin + (long) (i * interval);
						parkUntil(due);
						jobs.enqueue(BenchTasks::timed, due);
						call.recordValue(TimeUnit.NANOSECONDS.toMicros(Math.max(0, System.nanoTime() - due)));
					}
				});
		completion.awaitRun(this.options.duration().plusSeconds(60));
		for (String id : completion.lastJobPerThread()) {
			jobs.handle(id).await(Duration.ofSeconds(30));
		}
		this.environment.deleteKeys();
		return List.of(new Metric("offered_rate", "jobs offered per second (achieved)", "jobs/s",
				count * 1e9 / Math.max(1, sent.end() - origin)),
				millis("enqueue_p50_ms", "enqueue call p50", call, 50),
				millis("enqueue_p99_ms", "enqueue call p99", call, 99),
				millis("enqueue_p999_ms", "enqueue call p99.9", call, 99.9),
				millis("start_p50_ms", "enqueue → task start p50", start, 50),
				millis("start_p99_ms", "enqueue → task start p99", start, 99),
				millis("start_p999_ms", "enqueue → task start p99.9", start, 99.9));
	}

	private static Metric millis(String key, String label, Histogram histogram, double percentile) {
		return new Metric(key, label, "ms", histogram.getValueAtPercentile(percentile) / 1000.0);
	}

	private static void parkUntil(long due) {
		long remaining;
		while ((remaining = due - System.nanoTime()) > 0) {
			LockSupport.parkNanos(remaining);
		}
	}

}
