package dev.jobs.core.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.jobs.core.port.ScheduleState;
import dev.jobs.core.port.ScheduleStore;
import dev.jobs.core.port.SlotClaim;

/**
 * The schedule store port in memory, shared by several tickers as Redis is by several
 * instances: the claim rule of {@code schedule_claim.lua} under one lock. It can be made to fail
 * as an unreachable Redis would.
 */
final class SharedScheduleStore implements ScheduleStore {

	private final Map<String, Record> records = new HashMap<>();

	private volatile RuntimeException failure;

	void failWith(RuntimeException failure) {
		this.failure = failure;
	}

	@Override
	public synchronized SlotClaim claim(String schedule, Instant slot) {
		Record record = record(schedule);
		Instant previous = record.last;
		if (previous != null && !slot.isAfter(previous)) {
			return new SlotClaim(SlotClaim.Verdict.TAKEN, previous, List.of());
		}
		record.last = slot;
		if (record.paused) {
			return new SlotClaim(SlotClaim.Verdict.PAUSED, previous, List.of());
		}
		return new SlotClaim(SlotClaim.Verdict.WON, previous, record.jobs);
	}

	@Override
	public synchronized void fired(String schedule, String jobId, Instant at, int keep) {
		Record record = record(schedule);
		List<String> jobs = new ArrayList<>();
		jobs.add(jobId);
		record.jobs.stream().filter((id) -> !id.equals(jobId)).limit(keep - 1).forEach(jobs::add);
		record.jobs = List.copyOf(jobs);
		record.firedAt = at;
	}

	@Override
	public synchronized void count(String schedule, long missed, long skipped) {
		Record record = record(schedule);
		record.missed += missed;
		record.skipped += skipped;
	}

	@Override
	public synchronized void pause(String schedule, boolean paused) {
		record(schedule).paused = paused;
	}

	@Override
	public synchronized Optional<ScheduleState> state(String schedule) {
		failIfDown();
		Record record = this.records.get(schedule);
		return Optional.ofNullable(record)
			.map((r) -> new ScheduleState(r.last, r.jobs, r.firedAt, r.paused, r.missed, r.skipped));
	}

	private Record record(String schedule) {
		failIfDown();
		return this.records.computeIfAbsent(schedule, (name) -> new Record());
	}

	private void failIfDown() {
		RuntimeException current = this.failure;
		if (current != null) {
			throw current;
		}
	}

	private static final class Record {

		private Instant last;

		private List<String> jobs = List.of();

		private Instant firedAt;

		private boolean paused;

		private long missed;

		private long skipped;

	}

}
