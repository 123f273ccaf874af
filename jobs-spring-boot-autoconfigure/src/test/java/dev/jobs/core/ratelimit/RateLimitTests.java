package dev.jobs.core.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.jobs.core.task.RateLimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Rates are read as written in yml, and the local limiter spaces jobs by the interval, keeps up
 * to a burst of unused budget, and reserves the slots of the jobs that must wait, in turn.
 */
class RateLimitTests {

	@Test
	void ratesAreReadWithAnOptionalPeriodCount() {
		assertThat(RateLimit.parse("10/m", "test")).isEqualTo(new RateLimit(10, Duration.ofMinutes(1), 1));
		assertThat(RateLimit.parse("100/5m", "test").interval()).isEqualTo(Duration.ofSeconds(3));
		assertThat(RateLimit.parse(" 5 / s ", "test").interval()).isEqualTo(Duration.ofMillis(200));
		assertThatIllegalArgumentException().isThrownBy(() -> RateLimit.parse("10 per minute", "jobs.tasks.x"))
			.withMessageContaining("jobs.tasks.x")
			.withMessageContaining("10/m");
		assertThatIllegalArgumentException().isThrownBy(() -> RateLimit.parse("0/s", "test"));
	}

	@Test
	void jobsOverTheRateWaitForSlotsReservedInTurn() {
		AtomicLong now = new AtomicLong();
		LocalRateLimiter limiter = new LocalRateLimiter(now::get);
		RateLimit fivePerSecond = RateLimit.parse("5/s", "test");

		assertThat(limiter.reserve("a", fivePerSecond)).isZero();
		assertThat(limiter.reserve("a", fivePerSecond)).isEqualTo(Duration.ofMillis(200));
		assertThat(limiter.reserve("a", fivePerSecond)).isEqualTo(Duration.ofMillis(400));
		assertThat(limiter.reserve("b", fivePerSecond)).as("another key's budget").isZero();
		now.set(Duration.ofSeconds(10).toNanos());
		assertThat(limiter.reserve("a", fivePerSecond)).as("after a quiet spell").isZero();
	}

	@Test
	void burstLetsThatManyStartAtOnceAfterAQuietSpell() {
		AtomicLong now = new AtomicLong();
		LocalRateLimiter limiter = new LocalRateLimiter(now::get);
		RateLimit burstOfThree = RateLimit.parse("5/s", "test").withBurst(3);

		assertThat(limiter.reserve("a", burstOfThree)).isZero();
		assertThat(limiter.reserve("a", burstOfThree)).isZero();
		assertThat(limiter.reserve("a", burstOfThree)).isZero();
		assertThat(limiter.reserve("a", burstOfThree)).isEqualTo(Duration.ofMillis(200));
	}

	@Test
	void keysWhoseBudgetsAreFullAgainAreForgottenOnceThereAreMany() {
		AtomicLong now = new AtomicLong();
		LocalRateLimiter limiter = new LocalRateLimiter(now::get);
		RateLimit onePerSecond = RateLimit.parse("1/s", "test");
		for (int n = 0; n <= LocalRateLimiter.SWEEP_ABOVE; n++) {
			limiter.reserve("tenant-" + n, onePerSecond);
		}
		now.set(Duration.ofSeconds(2).toNanos());

		limiter.reserve("tenant-new", onePerSecond);

		assertThat(limiter.keys()).isOne();
	}

}
