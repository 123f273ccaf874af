package dev.jobs.test.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.jobs.core.port.ScheduleState;
import dev.jobs.core.port.ScheduleStore;
import dev.jobs.core.port.SlotClaim;

/**
 * Schedule records in a map, claimed as the Redis store claims them
 * ({@code schedule_claim.lua}): only a slot later than every slot claimed before wins, and a
 * paused schedule's slot is passed over.
 */
public final class InMemoryScheduleStore implements ScheduleStore {

	private static final ScheduleState NEW = new ScheduleState(null, List.of(), null, false, 0, 0);

	private final Map<String, ScheduleState> states = new ConcurrentHashMap<>();

	@Override
	public SlotClaim claim(String schedule, Instant slot) {
		SlotClaim[] claim = new SlotClaim[1];
		this.states.compute(schedule, (name, stored) -> {
			ScheduleState state = (stored != null) ? stored : NEW;
			Instant last = state.lastSlot();
			if (last != null && !last.isBefore(slot)) {
				claim[0] = new SlotClaim(SlotClaim.Verdict.TAKEN, last, List.of());
				return state;
			}
			claim[0] = new SlotClaim(state.paused() ? SlotClaim.Verdict.PAUSED : SlotClaim.Verdict.WON, last,
					state.paused() ? List.of() : state.recentJobs());
			return new ScheduleState(slot, state.recentJobs(), state.lastFiredAt(), state.paused(), state.missed(),
					state.skipped());
		});
		return claim[0];
	}

	@Override
	public void fired(String schedule, String jobId, Instant at, int keep) {
		this.states.compute(schedule, (name, stored) -> {
			ScheduleState state = (stored != null) ? stored : NEW;
			List<String> recent = new ArrayList<>();
			recent.add(jobId);
			recent.addAll(state.recentJobs());
			return new ScheduleState(state.lastSlot(), recent.subList(0, Math.min(keep, recent.size())), at,
					state.paused(), state.missed(), state.skipped());
		});
	}

	@Override
	public void count(String schedule, long missed, long skipped) {
		this.states.compute(schedule, (name, stored) -> {
			ScheduleState state = (stored != null) ? stored : NEW;
			return new ScheduleState(state.lastSlot(), state.recentJobs(), state.lastFiredAt(), state.paused(),
					state.missed() + missed, state.skipped() + skipped);
		});
	}

	@Override
	public void pause(String schedule, boolean paused) {
		this.states.compute(schedule, (name, stored) -> {
			ScheduleState state = (stored != null) ? stored : NEW;
			return new ScheduleState(state.lastSlot(), state.recentJobs(), state.lastFiredAt(), paused, state.missed(),
					state.skipped());
		});
	}

	@Override
	public Optional<ScheduleState> state(String schedule) {
		return Optional.ofNullable(this.states.get(schedule));
	}

}
