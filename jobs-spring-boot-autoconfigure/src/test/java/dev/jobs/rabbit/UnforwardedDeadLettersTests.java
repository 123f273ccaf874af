package dev.jobs.rabbit;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.jobs.core.port.QueueSnapshot.StalledDeadLetters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a queue's unforwarded dead letters count as stalled: only a count above zero that has
 * not fallen for the whole stall time.
 */
class UnforwardedDeadLettersTests {

	private static final Instant START = Instant.parse("2026-12-03T12:00:00Z");

	private final UnforwardedDeadLetters tracker = new UnforwardedDeadLetters(Duration.ofSeconds(60));

	@Test
	void countThatStaysUpForTheStallTimeIsReportedSinceItFirstAppeared() {
		this.tracker.update(Map.of("level.3", 5L), START);
		assertThat(this.tracker.update(Map.of("level.3", 5L), START.plusSeconds(59))).isEmpty();

		assertThat(this.tracker.update(Map.of("level.3", 7L), START.plusSeconds(60)))
			.containsExactly(new StalledDeadLetters("level.3", 7, START));
	}

	@Test
	void countThatFallsIsForwardingAndStartsAgain() {
		this.tracker.update(Map.of("level.3", 500L), START);
		this.tracker.update(Map.of("level.3", 200L), START.plusSeconds(50));

		assertThat(this.tracker.update(Map.of("level.3", 200L), START.plusSeconds(100))).isEmpty();
		assertThat(this.tracker.update(Map.of("level.3", 200L), START.plusSeconds(110)))
			.containsExactly(new StalledDeadLetters("level.3", 200, START.plusSeconds(50)));
	}

	@Test
	void stalledQueueThatEmptiesIsNoLongerReported() {
		this.tracker.update(Map.of("level.3", 5L), START);
		assertThat(this.tracker.update(Map.of("level.3", 5L), START.plusSeconds(90))).hasSize(1);

		assertThat(this.tracker.update(Map.of("level.3", 0L), START.plusSeconds(95))).isEmpty();
		assertThat(this.tracker.update(Map.of("level.3", 5L), START.plusSeconds(100))).isEmpty();
	}

	@Test
	void queuesWithoutUnforwardedDeadLettersAreNeverReported() {
		this.tracker.update(Map.of("jobs.default", 0L), START);

		assertThat(this.tracker.update(Map.of("jobs.default", 0L), START.plusSeconds(600))).isEmpty();
	}

}
