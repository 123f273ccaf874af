package dev.jobs;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Job options are immutable values: each method returns new options that change one thing
 * and keep the rest, a delay and an ETA replace each other, and so do the two expiries.
 */
class JobOptionsTests {

	private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

	@Test
	void defaultsChangeNothing() {
		JobOptions defaults = JobOptions.defaults();

		assertThat(defaults.queue()).isNull();
		assertThat(defaults.dueFor(NOW)).isNull();
		assertThat(defaults.expiryFor(NOW)).isNull();
	}

	@Test
	void eachOptionKeepsTheOthers() {
		JobOptions options = JobOptions.defaults()
			.queue("critical")
			.delay(Duration.ofMinutes(5))
			.expiresIn(Duration.ofHours(1));

		assertThat(options.queue()).isEqualTo("critical");
		assertThat(options.dueFor(NOW)).isEqualTo(NOW.plusSeconds(300));
		assertThat(options.expiryFor(NOW)).isEqualTo(NOW.plusSeconds(3600));
		assertThat(options.queue("bulk").dueFor(NOW)).isEqualTo(NOW.plusSeconds(300));
	}

	@Test
	void aDelayAndAnEtaReplaceEachOther() {
		Instant eta = NOW.plusSeconds(60);

		assertThat(JobOptions.defaults().delay(Duration.ofMinutes(5)).eta(eta).dueFor(NOW)).isEqualTo(eta);
		assertThat(JobOptions.defaults().eta(eta).delay(Duration.ofSeconds(5)).dueFor(NOW))
			.isEqualTo(NOW.plusSeconds(5));
	}

	@Test
	void theTwoExpiriesReplaceEachOther() {
		Instant at = NOW.plusSeconds(60);

		assertThat(JobOptions.defaults().expiresIn(Duration.ofHours(1)).expiresAt(at).expiryFor(NOW)).isEqualTo(at);
		assertThat(JobOptions.defaults().expiresAt(at).expiresIn(Duration.ofSeconds(5)).expiryFor(NOW))
			.isEqualTo(NOW.plusSeconds(5));
	}

	@Test
	void optionsAreValuesAndNeverChangeInPlace() {
		JobOptions critical = JobOptions.defaults().queue("critical");

		JobOptions delayed = critical.delay(Duration.ofSeconds(1));

		assertThat(critical.dueFor(NOW)).isNull();
		assertThat(delayed).isNotEqualTo(critical)
			.isEqualTo(JobOptions.defaults().delay(Duration.ofSeconds(1)).queue("critical"))
			.hasSameHashCodeAs(JobOptions.defaults().delay(Duration.ofSeconds(1)).queue("critical"));
		assertThat(delayed.toString()).contains("queue=critical", "delay=PT1S");
	}

	@Test
	void refusesValuesThatCannotWork() {
		assertThatIllegalArgumentException().isThrownBy(() -> JobOptions.defaults().delay(Duration.ofSeconds(-1)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JobOptions.defaults().delay(JobOptions.MAX_DELAY.plusSeconds(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> JobOptions.defaults().expiresIn(Duration.ZERO));
		assertThatNullPointerException().isThrownBy(() -> JobOptions.defaults().queue(null));
		assertThatNullPointerException().isThrownBy(() -> JobOptions.defaults().eta(null));
		assertThatNullPointerException().isThrownBy(() -> JobOptions.defaults().expiresAt(null));
	}

}
