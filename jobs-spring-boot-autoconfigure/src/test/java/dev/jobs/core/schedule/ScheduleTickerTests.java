package dev.jobs.core.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.jobs.JobStatus;
import dev.jobs.JobsUnavailableException;
import dev.jobs.MovableClock;
import dev.jobs.core.port.ResultRecord;
import dev.jobs.core.port.ResultStore;
import dev.jobs.core.port.ScheduleState;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the ticker decides for each slot, with several tickers sharing one store as instances
 * share Redis, and clocks that are moved by hand.
 */
class ScheduleTickerTests {

	private static final Instant START = Instant.parse("2026-12-01T10:00:00.300Z");

	private final SharedScheduleStore store = new SharedScheduleStore();

	private final Statuses statuses = new Statuses();

	private final List<Enqueued> enqueued = new CopyOnWriteArrayList<>();

	private final Schedule everySecond = Schedule.of("tick", "tick-task", new FixedRateSlots(Duration.ofSeconds(1)),
			"jobs.schedules.tick");

	@Test
	void threeInstancesEnqueueEachSlotOnceWithItsDerivedId() {
		MovableClock clock = new MovableClock(START);
		List<ScheduleTicker> instances = List.of(ticker(this.everySecond, clock), ticker(this.everySecond, clock),
				ticker(this.everySecond, clock));
		List<ScheduleTicker> order = new ArrayList<>(instances);
		for (int step = 0; step < 40; step++) {
			clock.advance(Duration.ofMillis(250));
			Collections.shuffle(order);
			order.forEach(ScheduleTicker::tick);
		}
		List<Instant> slots = this.enqueued.stream().map(Enqueued::at).sorted().toList();
		// The slot 300 ms before the start is on time too: an instance starting just after a slot fires it.
		List<Instant> expected = new ArrayList<>();
		for (int second = 0; second <= 10; second++) {
			expected.add(Instant.parse("2026-12-01T10:00:00Z").plusSeconds(second));
		}
		assertThat(slots).isEqualTo(expected);
		assertThat(this.enqueued).allSatisfy((job) -> assertThat(job.id()).isEqualTo(this.everySecond.jobIdFor(job.at())));
	}

	@Test
	void clocksTwoSecondsApartStillEnqueueEachSlotOnce() {
		MovableClock clock = new MovableClock(START);
		List<ScheduleTicker> instances = List.of(ticker(this.everySecond, clock.offset(Duration.ofSeconds(2))),
				ticker(this.everySecond, clock), ticker(this.everySecond, clock.offset(Duration.ofSeconds(-2))));
		for (int step = 0; step < 40; step++) {
			clock.advance(Duration.ofMillis(250));
			instances.forEach(ScheduleTicker::tick);
		}
		assertThat(this.enqueued.stream().map(Enqueued::at).toList()).doesNotHaveDuplicates().hasSizeGreaterThan(9);
	}

	@Test
	void afterADowntimeTheLatestSlotFiresOnceWithinGraceAndTheRestAreCountedAsMissed() {
		Schedule hourly = Schedule.of("hourly", "report", CronSlots.parse("0 0 * * * *", ZoneOffset.UTC), "test")
			.withMisfireGrace(Duration.ofMinutes(30));
		MovableClock clock = new MovableClock(Instant.parse("2026-12-01T10:00:01Z"));
		ticker(hourly, clock).tick();
		assertThat(this.enqueued).hasSize(1);
		clock.set(Instant.parse("2026-12-01T15:20:00Z")); // every instance was down from 10:00:02
		ScheduleTicker restarted = ticker(hourly, clock);
		restarted.tick();
		restarted.tick();
		assertThat(this.enqueued).extracting(Enqueued::at)
			.containsExactly(Instant.parse("2026-12-01T10:00:00Z"), Instant.parse("2026-12-01T15:00:00Z"));
		assertThat(state("hourly").missed()).isEqualTo(4);
	}

	@Test
	void afterADowntimeASlotPastItsGraceIsMissedAndNothingFires() {
		Schedule hourly = Schedule.of("hourly", "report", CronSlots.parse("0 0 * * * *", ZoneOffset.UTC), "test")
			.withMisfireGrace(Duration.ofMinutes(10));
		MovableClock clock = new MovableClock(Instant.parse("2026-12-01T10:00:01Z"));
		ticker(hourly, clock).tick();
		clock.set(Instant.parse("2026-12-01T15:20:00Z"));
		ticker(hourly, clock).tick();
		assertThat(this.enqueued).hasSize(1);
		assertThat(state("hourly").missed()).isEqualTo(5);
		assertThat(state("hourly").lastSlot()).isEqualTo(Instant.parse("2026-12-01T15:00:00Z"));
	}

	@Test
	void aNewScheduleDoesNotFireTheSlotsBeforeItExisted() {
		Schedule hourly = Schedule.of("hourly", "report", CronSlots.parse("@hourly", ZoneOffset.UTC), "test");
		MovableClock clock = new MovableClock(Instant.parse("2026-12-01T10:20:00Z"));
		ScheduleTicker ticker = ticker(hourly, clock);
		assertThat(ticker.tick()).contains(Instant.parse("2026-12-01T11:00:00Z"));
		assertThat(this.enqueued).isEmpty();
	}

	@Test
	void anUnreachableStoreFiresNothingAndSaysSoAndTheMisfireRulesDecideWhenItIsBack() {
		MovableClock clock = new MovableClock(START);
		ScheduleTicker ticker = ticker(this.everySecond, clock);
		ticker.tick();
		this.enqueued.clear();
		this.store.failWith(new IllegalStateException("Redis unreachable"));
		for (int step = 0; step < 8; step++) {
			clock.advance(Duration.ofMillis(500));
			ticker.tick();
		}
		assertThat(this.enqueued).isEmpty();
		assertThat(ticker.problem()).hasValueSatisfying((problem) -> assertThat(problem).contains("Redis unreachable"));
		this.store.failWith(null);
		clock.advance(Duration.ofMillis(500));
		ticker.tick();
		assertThat(ticker.problem()).isEmpty();
		assertThat(this.enqueued).extracting(Enqueued::at).containsExactly(Instant.parse("2026-12-01T10:00:04Z"));
		assertThat(state("tick").missed()).isEqualTo(3);
	}

	@Test
	void maxInstancesSkipsASlotWhileThePreviousJobIsInFlightAndCountsIt() {
		MovableClock clock = new MovableClock(START);
		ScheduleTicker ticker = ticker(this.everySecond, clock);
		clock.advance(Duration.ofSeconds(1));
		ticker.tick();
		String first = this.enqueued.get(0).id();
		this.statuses.put(first, JobStatus.STARTED);
		clock.advance(Duration.ofSeconds(1));
		ticker.tick();
		clock.advance(Duration.ofSeconds(1));
		ticker.tick();
		assertThat(this.enqueued).hasSize(1);
		assertThat(state("tick").skipped()).isEqualTo(2);
		this.statuses.put(first, JobStatus.SUCCESS);
		clock.advance(Duration.ofSeconds(1));
		ticker.tick();
		assertThat(this.enqueued).hasSize(2);
	}

	@Test
	void aPausedScheduleFiresNothingOnAnyInstanceAndResumingDoesNotReplayThePause() {
		MovableClock clock = new MovableClock(START);
		ScheduleTicker one = ticker(this.everySecond, clock);
		ScheduleTicker two = ticker(this.everySecond, clock);
		this.store.pause("tick", true);
		for (int step = 0; step < 6; step++) {
			clock.advance(Duration.ofMillis(500));
			one.tick();
			two.tick();
		}
		assertThat(this.enqueued).isEmpty();
		this.store.pause("tick", false);
		clock.advance(Duration.ofSeconds(1));
		one.tick();
		two.tick();
		assertThat(this.enqueued).extracting(Enqueued::at).containsExactly(Instant.parse("2026-12-01T10:00:04Z"));
		assertThat(state("tick").missed()).isZero();
	}

	@Test
	void anUnconfirmedSlotIsEnqueuedAgainUnderTheSameIdWhileItIsOnTime() {
		MovableClock clock = new MovableClock(START);
		List<String> attempts = new ArrayList<>();
		boolean[] brokerDown = { true };
		ScheduleTicker ticker = new ScheduleTicker(List.of(this.everySecond), this.store, this.statuses,
				(schedule, jobId, at) -> {
					attempts.add(jobId);
					if (brokerDown[0]) {
						throw new JobsUnavailableException("not confirmed", null);
					}
				}, clock);
		clock.advance(Duration.ofMillis(800));
		ticker.tick();
		brokerDown[0] = false;
		clock.advance(Duration.ofMillis(100));
		ticker.tick();
		assertThat(attempts).hasSize(2).containsOnly(this.everySecond.jobIdFor(Instant.parse("2026-12-01T10:00:01Z")));
		assertThat(state("tick").lastJobId()).isEqualTo(attempts.get(0));
	}

	private ScheduleTicker ticker(Schedule schedule, Clock clock) {
		return new ScheduleTicker(List.of(schedule), this.store, this.statuses,
				(s, jobId, at) -> this.enqueued.add(new Enqueued(jobId, at)), clock);
	}

	private ScheduleState state(String schedule) {
		return this.store.state(schedule).orElseThrow();
	}

	private record Enqueued(String id, Instant at) {
	}

	/** Job statuses by id, as the result store would give them. */
	private static final class Statuses implements ResultStore {

		private final Map<String, JobStatus> statuses = new ConcurrentHashMap<>();

		void put(String jobId, JobStatus status) {
			this.statuses.put(jobId, status);
		}

		@Override
		public Optional<ResultRecord> find(String jobId) {
			return Optional.ofNullable(this.statuses.get(jobId))
				.map((status) -> new ResultRecord(jobId, "tick-task", "default", status, 1, 0, START, null, null, null,
						null, null, null, null, null, null, null));
		}

		@Override
		public void recordStarted(ResultRecord record) {
		}

		@Override
		public void record(ResultRecord record) {
		}

		@Override
		public Optional<ResultRecord> awaitTerminal(String jobId, Duration timeout) {
			return find(jobId);
		}

	}

}
