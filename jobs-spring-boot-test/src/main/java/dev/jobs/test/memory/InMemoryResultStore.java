package dev.jobs.test.memory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.jobs.JobStatus;
import dev.jobs.Progress;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.port.JobRecords;
import dev.jobs.core.port.ResultRecord;
import dev.jobs.core.port.ResultStore;

/**
 * Job records in a map, under the rule the Redis store keeps ({@code record_results.lua}): a
 * record of a later run replaces one of an earlier run, a terminal status is final for its run,
 * and a {@code PENDING} record never replaces another of its run. Records do not expire: a test
 * lives shorter than {@code jobs.results.ttl}.
 */
public final class InMemoryResultStore implements ResultStore, JobRecords {

	private final Map<String, ResultRecord> records = new ConcurrentHashMap<>();

	private final Map<String, Progress> progress = new ConcurrentHashMap<>();

	@Override
	public void recordStarted(ResultRecord record) {
		record(record);
	}

	@Override
	public void record(ResultRecord record) {
		synchronized (this) {
			ResultRecord stored = this.records.get(record.id());
			if (stored == null || replaces(record, stored)) {
				this.records.put(record.id(), record);
				// Waiters in awaitTerminal wake to read the new record.
				notifyAll();
			}
		}
	}

	private static boolean replaces(ResultRecord record, ResultRecord stored) {
		if (record.run() != stored.run()) {
			return record.run() > stored.run();
		}
		return !stored.status().isTerminal() && record.status() != JobStatus.PENDING;
	}

	@Override
	public void pending(List<JobEnvelope> jobs) {
		jobs.forEach((job) -> record(ResultRecord.of(job, job.queue(), JobStatus.PENDING)));
	}

	@Override
	public Optional<ResultRecord> find(String jobId) {
		return Optional.ofNullable(this.records.get(jobId));
	}

	@Override
	public Optional<ResultRecord> awaitTerminal(String jobId, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this) {
			while (true) {
				ResultRecord record = this.records.get(jobId);
				if (record != null && record.status().isTerminal()) {
					return Optional.of(record);
				}
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return Optional.empty();
				}
				try {
					wait(Math.max(1, left / 1_000_000));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return Optional.empty();
				}
			}
		}
	}

	@Override
	public void recordProgress(String jobId, Progress progress) {
		this.progress.put(jobId, progress);
	}

	@Override
	public Optional<Progress> progress(String jobId) {
		return Optional.ofNullable(this.progress.get(jobId));
	}

	/**
	 * Forgets every record, as between two tests.
	 */
	public void clear() {
		this.records.clear();
		this.progress.clear();
	}

}
