package dev.jobs.core.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.jobs.JobStatus;
import dev.jobs.JobsException;
import dev.jobs.core.port.ResultRecord;
import dev.jobs.core.port.ResultStore;
import dev.jobs.core.port.ScheduleStore;
import dev.jobs.core.port.SlotClaim;

/**
 * Decides, on every instance, what each schedule's latest due slot becomes. One {@link #tick}:
 * <ol>
 * <li>finds each schedule's latest slot that is due and not yet decided here (only the latest:
 * slots passed over while no instance could act are counted as missed, never replayed one by
 * one);</li>
 * <li>claims it in the {@link ScheduleStore}, where exactly one instance wins it;</li>
 * <li>on a win, counts the slots missed since the slot claimed before, and then the slot is
 * missed (later than {@link Schedule#ON_TIME} plus its grace), skipped ({@code max-instances}
 * jobs still in flight), or fired: enqueued under the id derived from it, so that enqueuing it
 * again after a failed confirm cannot make a second job.</li>
 * </ol>
 * A store that cannot be reached leaves the slot undecided: nothing is enqueued, and the next
 * tick decides it again, by then perhaps as missed.
 */
public final class ScheduleTicker {

	private static final Log logger = LogFactory.getLog(ScheduleTicker.class);

	/** The most missed slots counted at once: past it, a count says "at least". */
	static final long MISSED_COUNT_CAP = 1_000_000;

	private final Map<String, Cursor> cursors = new LinkedHashMap<>();

	private final ScheduleStore store;

	private final ResultStore results;

	private final SlotEnqueue enqueue;

	private final Clock clock;

	private volatile StoreFailure failure;

	/**
	 * A ticker for these schedules.
	 * @param schedules the schedules, disabled ones included (they never fire)
	 * @param store where the instances claim slots
	 * @param results where the schedules' jobs' statuses are read, for {@code max-instances}
	 * @param enqueue enqueues a slot's job
	 * @param clock the clock slots are due by
	 */
	public ScheduleTicker(List<Schedule> schedules, ScheduleStore store, ResultStore results, SlotEnqueue enqueue,
			Clock clock) {
		schedules.forEach((schedule) -> this.cursors.put(schedule.name(), new Cursor(schedule)));
		this.store = store;
		this.results = results;
		this.enqueue = enqueue;
		this.clock = clock;
	}

	/**
	 * Decides every due slot.
	 * @return when the next slot of any schedule is due, or empty if none ever is
	 */
	public synchronized Optional<Instant> tick() {
		Instant now = this.clock.instant();
		Instant nextDue = null;
		for (Cursor cursor : this.cursors.values()) {
			if (!cursor.schedule.enabled()) {
				continue;
			}
			try {
				advance(cursor, now);
				this.failure = null;
			}
			catch (RuntimeException ex) {
				storeFailed(cursor.schedule, now, ex);
			}
			Instant next = cursor.nextAfter(now);
			if (next != null && (nextDue == null || next.isBefore(nextDue))) {
				nextDue = next;
			}
		}
		return Optional.ofNullable(nextDue);
	}

	/**
	 * Why slots cannot be claimed, while they cannot.
	 * @return the failure, or empty
	 */
	public Optional<String> problem() {
		StoreFailure current = this.failure;
		return (current != null) ? Optional.of("Schedule slots cannot be claimed since " + current.since() + " ("
				+ current.schedule() + "): " + current.message() + ". No slot fires until they can.")
				: Optional.empty();
	}

	/**
	 * Enqueues a job of a schedule now, outside its slots, and records it as the schedule's
	 * latest job.
	 * @param schedule the schedule's name
	 * @param jobId the new job's id
	 * @return whether there is such a schedule
	 */
	boolean trigger(String schedule, String jobId) {
		Cursor cursor = this.cursors.get(schedule);
		if (cursor == null) {
			return false;
		}
		Instant now = this.clock.instant();
		this.enqueue.enqueue(cursor.schedule, jobId, now);
		this.store.fired(schedule, jobId, now, cursor.schedule.maxInstances());
		logger.info("Schedule '" + schedule + "' triggered by hand: job " + jobId);
		return true;
	}

	private void advance(Cursor cursor, Instant now) {
		Schedule schedule = cursor.schedule;
		if (cursor.unconfirmed != null) {
			retryUnconfirmed(cursor, now);
		}
		if (cursor.decidedThrough == null) {
			cursor.decidedThrough = this.store.state(schedule.name())
				.map((state) -> state.lastSlot())
				.orElseGet(() -> now.minus(Schedule.ON_TIME).minus(schedule.misfireGrace()));
		}
		Optional<Instant> due = schedule.slots().latest(cursor.decidedThrough, now);
		if (due.isPresent()) {
			decide(cursor, due.get(), now);
		}
	}

	private void decide(Cursor cursor, Instant slot, Instant now) {
		Schedule schedule = cursor.schedule;
		SlotClaim claim = this.store.claim(schedule.name(), slot);
		cursor.decidedThrough = slot;
		if (claim.verdict() != SlotClaim.Verdict.WON) {
			return;
		}
		long missedBefore = (claim.previousSlot() != null)
				? schedule.slots().countBetween(claim.previousSlot(), slot, MISSED_COUNT_CAP) : 0;
		if (!schedule.isOnTime(slot, now)) {
			this.store.count(schedule.name(), missedBefore + 1, 0);
			logger.info("Schedule '" + schedule.name() + "' missed its slot " + slot + ": "
					+ Duration.between(slot, now) + " late, past its misfire grace of " + schedule.misfireGrace()
					+ describeMissed(missedBefore));
			return;
		}
		if (missedBefore > 0) {
			this.store.count(schedule.name(), missedBefore, 0);
			logger.info("Schedule '" + schedule.name() + "' fires its slot " + slot + describeMissed(missedBefore));
		}
		long inFlight = inFlight(claim.recentJobs());
		if (inFlight >= schedule.maxInstances()) {
			this.store.count(schedule.name(), 0, 1);
			if (!cursor.overlapLogged) {
				logger.warn("Schedule '" + schedule.name() + "' skips its slot " + slot + ": " + inFlight
						+ " of its jobs are still pending or running (max-instances " + schedule.maxInstances()
						+ "). Further skips are counted, not logged, until a slot fires again");
				cursor.overlapLogged = true;
			}
			return;
		}
		cursor.overlapLogged = false;
		fire(cursor, slot);
	}

	private void fire(Cursor cursor, Instant slot) {
		Schedule schedule = cursor.schedule;
		String jobId = schedule.jobIdFor(slot);
		try {
			this.enqueue.enqueue(schedule, jobId, slot);
		}
		catch (JobsException ex) {
			cursor.unconfirmed = slot;
			logger.warn("Schedule '" + schedule.name() + "' could not enqueue job " + jobId + " for its slot " + slot
					+ "; it tries again under the same id while the slot is on time: " + ex.getMessage());
			return;
		}
		cursor.unconfirmed = null;
		this.store.fired(schedule.name(), jobId, this.clock.instant(), schedule.maxInstances());
	}

	/** A slot won but not confirmed by the broker is enqueued again while it is on time. */
	private void retryUnconfirmed(Cursor cursor, Instant now) {
		Instant slot = cursor.unconfirmed;
		if (cursor.schedule.isOnTime(slot, now)) {
			fire(cursor, slot);
			return;
		}
		cursor.unconfirmed = null;
		this.store.count(cursor.schedule.name(), 1, 0);
		logger.warn("Schedule '" + cursor.schedule.name() + "' missed its slot " + slot
				+ ": the broker did not confirm its job while the slot was on time");
	}

	private long inFlight(List<String> jobIds) {
		return jobIds.stream()
			.map(this.results::find)
			.filter((record) -> record.map(ResultRecord::status).filter(ScheduleTicker::inFlight).isPresent())
			.count();
	}

	private static boolean inFlight(JobStatus status) {
		return !status.isTerminal() && status != JobStatus.UNKNOWN;
	}

	private void storeFailed(Schedule schedule, Instant now, RuntimeException ex) {
		if (this.failure == null) {
			logger.warn("Schedule '" + schedule.name() + "' cannot claim its slots; no slot fires until it can: "
					+ ex.getMessage(), ex);
			this.failure = new StoreFailure(now, schedule.name(), String.valueOf(ex.getMessage()));
		}
	}

	private static String describeMissed(long missed) {
		if (missed == 0) {
			return "";
		}
		return "; " + ((missed >= MISSED_COUNT_CAP) ? "at least " : "") + missed
				+ " earlier slot(s) passed while no instance could fire them and are counted as missed";
	}

	/** What this instance knows of one schedule. Guarded by the ticker's lock. */
	private static final class Cursor {

		private final Schedule schedule;

		/** The latest slot decided here, won or not; {@code null} until the first tick. */
		private Instant decidedThrough;

		/** A slot won whose job the broker has not confirmed yet. */
		private Instant unconfirmed;

		private boolean overlapLogged;

		private Cursor(Schedule schedule) {
			this.schedule = schedule;
		}

		private Instant nextAfter(Instant now) {
			Instant from = (this.decidedThrough != null && this.decidedThrough.isAfter(now)) ? this.decidedThrough
					: now;
			return this.schedule.slots().next(from).orElse(null);
		}

	}

	private record StoreFailure(Instant since, String schedule, String message) {
	}

}
