package dev.jobs.core.execution;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.jobs.core.port.ResultRecord;
import dev.jobs.core.port.ResultStore;

/**
 * A result store in memory, for the engine's unit tests: it keeps every record written, notes
 * each write in a shared event list, and can be made to fail as an unreachable Redis would.
 */
final class InMemoryResultStore implements ResultStore {

	private final List<String> events;

	private final List<ResultRecord> started = new CopyOnWriteArrayList<>();

	private final List<ResultRecord> recorded = new CopyOnWriteArrayList<>();

	private final Map<String, ResultRecord> latest = new ConcurrentHashMap<>();

	private volatile RuntimeException failure;

	private final AtomicInteger refused = new AtomicInteger();

	InMemoryResultStore(List<String> events) {
		this.events = events;
	}

	/**
	 * Makes every following {@link #record} throw, as a store that went down; {@code null} brings
	 * it back.
	 * @param failure what to throw
	 */
	void failRecordsWith(RuntimeException failure) {
		this.failure = failure;
	}

	List<ResultRecord> started() {
		return this.started;
	}

	List<ResultRecord> recorded() {
		return this.recorded;
	}

	/**
	 * How many records were refused while the store was down.
	 * @return the count
	 */
	int refused() {
		return this.refused.get();
	}

	@Override
	public void recordStarted(ResultRecord record) {
		this.events.add("started " + record.id());
		this.started.add(record);
		this.latest.put(record.id(), record);
	}

	@Override
	public void record(ResultRecord record) {
		RuntimeException failure = this.failure;
		if (failure != null) {
			this.refused.incrementAndGet();
			throw failure;
		}
		this.events.add(record.status() + " " + record.id());
		this.recorded.add(record);
		this.latest.put(record.id(), record);
	}

	@Override
	public Optional<ResultRecord> find(String jobId) {
		return Optional.ofNullable(this.latest.get(jobId));
	}

	@Override
	public Optional<ResultRecord> awaitTerminal(String jobId, Duration timeout) {
		return find(jobId).filter((record) -> record.status().isTerminal());
	}

}
