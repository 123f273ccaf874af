package dev.jobs.core.schedule;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.jobs.JobStatus;
import dev.jobs.core.envelope.JobIds;
import dev.jobs.core.port.ResultRecord;
import dev.jobs.core.port.ResultStore;
import dev.jobs.core.port.ScheduleOperations;
import dev.jobs.core.port.ScheduleState;
import dev.jobs.core.port.ScheduleStore;
import dev.jobs.core.port.ScheduleView;

/**
 * The schedules as operators see and change them: definitions from this instance, records from
 * the shared {@link ScheduleStore}, so every instance shows and changes the same thing.
 */
public final class ScheduleBoard implements ScheduleOperations {

	private final Map<String, Schedule> schedules = new LinkedHashMap<>();

	private final ScheduleStore store;

	private final ResultStore results;

	private final ScheduleTicker ticker;

	private final Clock clock;

	/**
	 * A board over these schedules.
	 * @param schedules the schedules
	 * @param store their shared records
	 * @param results their jobs' records
	 * @param ticker the ticker, which enqueues triggered jobs and knows its own failures
	 * @param clock the clock
	 */
	public ScheduleBoard(List<Schedule> schedules, ScheduleStore store, ResultStore results, ScheduleTicker ticker,
			Clock clock) {
		schedules.forEach((schedule) -> this.schedules.put(schedule.name(), schedule));
		this.store = store;
		this.results = results;
		this.ticker = ticker;
		this.clock = clock;
	}

	@Override
	public List<ScheduleView> schedules() {
		return this.schedules.values().stream().map(this::view).toList();
	}

	@Override
	public Optional<String> trigger(String schedule) {
		String jobId = JobIds.next();
		return this.ticker.trigger(schedule, jobId) ? Optional.of(jobId) : Optional.empty();
	}

	@Override
	public boolean pause(String schedule, boolean paused) {
		if (!this.schedules.containsKey(schedule)) {
			return false;
		}
		this.store.pause(schedule, paused);
		return true;
	}

	@Override
	public Optional<String> problem() {
		return this.ticker.problem();
	}

	private ScheduleView view(Schedule schedule) {
		Instant next = schedule.enabled() ? schedule.slots().next(this.clock.instant()).orElse(null) : null;
		ScheduleState state;
		JobStatus lastStatus;
		try {
			state = this.store.state(schedule.name()).orElse(null);
			lastStatus = (state != null && state.lastJobId() != null) ? this.results.find(state.lastJobId())
				.map(ResultRecord::status)
				.orElse(JobStatus.UNKNOWN) : null;
		}
		catch (RuntimeException ex) {
			return new ScheduleView(schedule.name(), schedule.task(), schedule.slots().describe(), schedule.source(),
					schedule.enabled(), null, next, null, null, null, null, 0, 0,
					"Schedule record unreadable: " + ex.getMessage());
		}
		if (state == null) {
			return new ScheduleView(schedule.name(), schedule.task(), schedule.slots().describe(), schedule.source(),
					schedule.enabled(), false, next, null, null, null, null, 0, 0, null);
		}
		return new ScheduleView(schedule.name(), schedule.task(), schedule.slots().describe(), schedule.source(),
				schedule.enabled(), state.paused(), next, state.lastSlot(), state.lastJobId(), lastStatus,
				state.lastFiredAt(), state.missed(), state.skipped(), null);
	}

}
