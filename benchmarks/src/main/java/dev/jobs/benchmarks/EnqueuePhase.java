package dev.jobs.benchmarks;

import java.util.ArrayList;
import java.util.List;

import dev.jobs.JobOptions;
import dev.jobs.JobRequest;
import dev.jobs.Jobs;

/**
 * The producer side alone. Jobs go to a queue of this run's own that no worker consumes (the
 * sink, declared by the starter like any job queue), so the worker takes no CPU from the
 * producers; the sink is purged after each measurement. Each round measures:
 * <ol>
 * <li>one thread enqueueing one job after another, each waiting for its confirm, over
 * {@code --enqueue-jobs} jobs (a few thousand: each job waits about a millisecond);</li>
 * <li>{@code --producers} threads doing the same at once, over as many;</li>
 * <li>{@code --producers} threads calling {@code jobs.enqueueAsync(...)}, each with at most
 * {@code --confirm-window} jobs unconfirmed (as the raw publishers), over {@code --jobs} jobs,
 * as many as raw publish sends, so that the two are measured over the same span;</li>
 * <li>one thread calling {@code jobs.enqueueAll(...)} with {@code --batch} jobs a call (one
 * wait for all confirms of a batch), over {@code --jobs} jobs; and again with ten times the
 * batch, to show how much of the gap to raw is the wait at the end of each call.</li>
 * </ol>
 */
final class EnqueuePhase implements PhaseRunner {

	private final BenchmarkEnvironment environment;

	private final BenchmarkOptions options;

	EnqueuePhase(BenchmarkEnvironment environment, BenchmarkOptions options) {
		this.environment = environment;
		this.options = options;
	}

	@Override
	public Phase phase() {
		return Phase.ENQUEUE;
	}

	@Override
	public List<Metric> round() throws Exception {
		int count = this.options.enqueueJobs();
		Jobs sink = this.environment.sinkJobs();
		ParallelProducers.Timing single = ParallelProducers.run("enqueue-single", 1, count, (thread, from, to) -> {
			for (int n = from; n < to; n++) {
				sink.enqueue(BenchTasks::noop, (long) n);
			}
		});
		this.environment.purgeSink();
		ParallelProducers.Timing multi = ParallelProducers.run("enqueue-multi", this.options.producers(), count,
				(thread, from, to) -> {
					for (int n = from; n < to; n++) {
						sink.enqueue(BenchTasks::noop, (long) n);
					}
				});
		this.environment.purgeSink();
		JobOptions toSink = this.environment.sinkOptions();
		WindowedEnqueue windowed = new WindowedEnqueue(this.environment.jobs(), this.options.confirmWindow());
		int sameAsRaw = this.options.jobs();
		ParallelProducers.Timing async = ParallelProducers.run("enqueue-async", this.options.producers(), sameAsRaw,
				(thread, from, to) -> windowed.run(from, to,
						(n) -> new JobRequest(BenchTasks.NOOP, List.of((long) n), toSink), (id, n) -> {
						}));
		this.environment.purgeSink();
		int batch = this.options.batch();
		int bigBatch = batch * 10;
		ParallelProducers.Timing bulk = enqueueAll(sameAsRaw, batch, toSink);
		this.environment.purgeSink();
		CpuMeter.Reading bigBulkBefore = CpuMeter.read();
		ParallelProducers.Timing bigBulk = enqueueAll(sameAsRaw, bigBatch, toSink);
		CpuMeter.Reading bigBulkAfter = CpuMeter.read();
		this.environment.purgeSink();
		List<Metric> metrics = new ArrayList<>(List.of(
				new Metric("enqueue_single_per_s", "1 thread, one enqueue after another", "jobs/s",
						single.perSecond(count)),
				new Metric("enqueue_multi_per_s", this.options.producers() + " threads, one enqueue after another",
						"jobs/s", multi.perSecond(count)),
				new Metric("enqueue_async_per_s", this.options.producers() + " threads, enqueueAsync, window "
						+ this.options.confirmWindow(), "jobs/s", async.perSecond(sameAsRaw)),
				new Metric("enqueue_bulk_per_s", "1 thread, enqueueAll in batches of " + batch, "jobs/s",
						bulk.perSecond(sameAsRaw)),
				new Metric("enqueue_big_bulk_per_s", "1 thread, enqueueAll in batches of " + bigBatch, "jobs/s",
						bigBulk.perSecond(sameAsRaw))));
		metrics.addAll(bigBulkAfter.metrics(bigBulkBefore, sameAsRaw, "enqueue_big_bulk",
				"enqueueAll, batches of " + bigBatch, "application"));
		return metrics;
	}

	/**
	 * {@code count} jobs to the sink from one thread, {@code batch} jobs an {@code enqueueAll}
	 * call; the caller purges the sink.
	 */
	private ParallelProducers.Timing enqueueAll(int count, int batch, JobOptions toSink) throws Exception {
		return ParallelProducers.run("enqueue-bulk", 1, count, (thread, from, to) -> {
			List<JobRequest> requests = new ArrayList<>(batch);
			for (int n = from; n < to; n++) {
				requests.add(new JobRequest(BenchTasks.NOOP, List.of((long) n), toSink));
				if (requests.size() == batch || n == to - 1) {
					this.environment.jobs().enqueueAll(requests);
					requests.clear();
				}
			}
		});
	}

}
