package dev.jobs.core.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slots are instants: the same on every instance, and across daylight saving changes neither
 * repeated nor lost.
 */
class SlotSequenceTests {

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	@Test
	void aDailySlotFallsOnceOnEachDayOfBothChanges() {
		CronSlots slots = CronSlots.parse("0 30 1 * * *", NEW_YORK);
		// 2026-03-08: clocks go 02:00 -> 03:00; 2026-11-01: clocks go 02:00 -> 01:00 (01:30 happens twice)
		for (LocalDate day : List.of(LocalDate.of(2026, 3, 8), LocalDate.of(2026, 11, 1))) {
			List<Instant> found = between(slots, day.atStartOfDay(NEW_YORK).toInstant(),
					day.plusDays(1).atStartOfDay(NEW_YORK).toInstant());
			assertThat(found).as("slots on %s", day).hasSize(1);
		}
	}

	@Test
	void aSlotInTheSpringGapMovesAfterItAndIsNotLost() {
		CronSlots slots = CronSlots.parse("0 30 2 * * *", NEW_YORK);
		LocalDate day = LocalDate.of(2026, 3, 8);
		List<Instant> found = between(slots, day.atStartOfDay(NEW_YORK).toInstant(),
				day.plusDays(1).atStartOfDay(NEW_YORK).toInstant());
		assertThat(found).hasSize(1);
		assertThat(found.get(0).atZone(NEW_YORK).getHour()).isEqualTo(3);
	}

	@Test
	void anHourlySlotFollowsTheInstantsOfTheDay() {
		CronSlots slots = CronSlots.parse("@hourly", NEW_YORK);
		assertThat(slotsOn(slots, LocalDate.of(2026, 3, 8))).hasSize(23).doesNotHaveDuplicates();
		assertThat(slotsOn(slots, LocalDate.of(2026, 11, 1))).hasSize(25).doesNotHaveDuplicates();
		assertThat(slotsOn(slots, LocalDate.of(2026, 11, 2))).hasSize(24);
	}

	@Test
	void fixedRateSlotsAreAlignedToTheEpochWhateverTheStart() {
		FixedRateSlots slots = new FixedRateSlots(Duration.ofMinutes(5));
		Instant start = Instant.parse("2026-12-01T10:02:17.123Z");
		assertThat(slots.next(start)).contains(Instant.parse("2026-12-01T10:05:00Z"));
		assertThat(slots.latest(start.minus(Duration.ofHours(1)), start)).contains(Instant.parse("2026-12-01T10:00:00Z"));
		assertThat(slots.latest(Instant.parse("2026-12-01T10:00:00Z"), start)).isEmpty();
		assertThat(slots.countBetween(Instant.parse("2026-12-01T09:00:00Z"), Instant.parse("2026-12-01T10:00:00Z"),
				1000)).isEqualTo(11);
	}

	@Test
	void cronLatestAndCountAgreeWithAWalkForward() {
		CronSlots slots = CronSlots.parse("0 */15 * * * *", ZoneId.of("Europe/Paris"));
		Instant after = Instant.parse("2026-10-24T22:07:00Z");
		Instant now = Instant.parse("2026-10-25T03:52:00Z");
		List<Instant> walked = between(slots, after, now);
		assertThat(slots.latest(after, now)).contains(walked.get(walked.size() - 1));
		assertThat(slots.countBetween(after, walked.get(walked.size() - 1), 1000)).isEqualTo(walked.size() - 1);
		assertThat(new HashSet<>(walked)).hasSameSizeAs(walked);
	}

	@Test
	void aLongDowntimeUnderAnEverySecondCronStillFindsTheLatestSlot() {
		CronSlots slots = CronSlots.parse("* * * * * *", ZoneId.of("UTC"));
		Instant now = Instant.parse("2026-12-01T10:00:00.500Z");
		assertThat(slots.latest(now.minus(Duration.ofDays(30)), now)).contains(Instant.parse("2026-12-01T10:00:00Z"));
		assertThat(slots.countBetween(now.minus(Duration.ofDays(30)), now, 1000)).isEqualTo(1000);
	}

	private static List<Instant> slotsOn(CronSlots slots, LocalDate day) {
		ZonedDateTime start = day.atStartOfDay(NEW_YORK);
		return between(slots, start.toInstant().minusMillis(1), day.plusDays(1).atStartOfDay(NEW_YORK).toInstant());
	}

	private static List<Instant> between(SlotSequence slots, Instant after, Instant before) {
		List<Instant> found = new ArrayList<>();
		for (Instant next = slots.next(after).orElseThrow(); next.isBefore(before); next = slots.next(next)
			.orElseThrow()) {
			found.add(next);
		}
		return found;
	}

}
