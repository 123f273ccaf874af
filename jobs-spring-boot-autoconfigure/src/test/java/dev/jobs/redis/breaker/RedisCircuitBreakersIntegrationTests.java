package dev.jobs.redis.breaker;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.jobs.core.port.BreakerSettings;
import dev.jobs.core.port.BreakerState;
import dev.jobs.core.port.CircuitBreakers.AttemptResult;
import dev.jobs.core.port.CircuitBreakers.Pass;
import dev.jobs.redis.LocalRedis;
import dev.jobs.redis.RedisKeys;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The breaker's scripts against the real Redis: no verdict before the minimum attempts, open at
 * the threshold, probes only after the open duration and only as many as allowed, a probe's
 * failure reopening it and the probes' success closing it with a fresh window.
 */
class RedisCircuitBreakersIntegrationTests {

	private static final String TASK = "call-downstream";

	/** 50% of the last 4 attempts, at least 4; open for 300 ms; 2 probes. */
	private static final BreakerSettings SETTINGS = new BreakerSettings(50, 4, 4, Duration.ofMillis(300), 2);

	private final RedisKeys keys = new RedisKeys("it-breaker:" + UUID.randomUUID() + ":");

	private LettuceConnectionFactory connectionFactory;

	private RedisCircuitBreakers breakers;

	@BeforeEach
	void createBreakers() {
		this.connectionFactory = LocalRedis.connect();
		this.breakers = new RedisCircuitBreakers(this.connectionFactory, this.keys);
	}

	@AfterEach
	void closeBreakers() {
		new StringRedisTemplate(this.connectionFactory).delete(this.keys.breaker(TASK));
		this.connectionFactory.destroy();
	}

	@Test
	void opensAtTheThresholdOnlyOnceTheWindowHoldsTheMinimumAttempts() {
		assertThat(attempt(AttemptResult.FAILURE)).isEqualTo(BreakerState.CLOSED);
		assertThat(attempt(AttemptResult.FAILURE)).isEqualTo(BreakerState.CLOSED);
		assertThat(attempt(AttemptResult.SUCCESS)).isEqualTo(BreakerState.CLOSED);
		// 3 of 4 failed.
		assertThat(attempt(AttemptResult.FAILURE)).isEqualTo(BreakerState.OPEN);

		Pass refused = this.breakers.admit(TASK, SETTINGS);
		assertThat(refused.run()).isFalse();
		assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(SETTINGS.openDuration());
	}

	@Test
	void aProbesFailureReopensItAndAllProbesSucceedingCloseIt() {
		for (int i = 0; i < 4; i++) {
			attempt(AttemptResult.FAILURE);
		}
		Pass first = awaitProbe();
		Pass second = this.breakers.admit(TASK, SETTINGS);
		assertThat(second.probe()).isTrue();
		assertThat(this.breakers.admit(TASK, SETTINGS).run()).as("a third job while two probes run").isFalse();

		assertThat(this.breakers.record(TASK, SETTINGS, first, AttemptResult.FAILURE)).isEqualTo(BreakerState.OPEN);
		assertThat(this.breakers.admit(TASK, SETTINGS).run()).isFalse();

		Pass again = awaitProbe();
		Pass andAgain = this.breakers.admit(TASK, SETTINGS);
		assertThat(this.breakers.record(TASK, SETTINGS, again, AttemptResult.SUCCESS))
			.isEqualTo(BreakerState.HALF_OPEN);
		assertThat(this.breakers.record(TASK, SETTINGS, andAgain, AttemptResult.SUCCESS))
			.isEqualTo(BreakerState.CLOSED);
		assertThat(this.breakers.admit(TASK, SETTINGS)).isEqualTo(Pass.CLOSED);
		// A fresh window: three failures are not enough to open it again.
		for (int i = 0; i < 3; i++) {
			assertThat(attempt(AttemptResult.FAILURE)).isEqualTo(BreakerState.CLOSED);
		}
	}

	@Test
	void aBreakerOpenedByHandStaysOpenUntilClosedByHand() {
		this.breakers.force(TASK, true);

		assertThat(this.breakers.state(TASK)).isEqualTo(BreakerState.FORCED_OPEN);
		assertThat(this.breakers.admit(TASK, SETTINGS).run()).isFalse();
		this.breakers.force(TASK, false);
		assertThat(this.breakers.admit(TASK, SETTINGS)).isEqualTo(Pass.CLOSED);
	}

	private BreakerState attempt(AttemptResult result) {
		return this.breakers.record(TASK, SETTINGS, this.breakers.admit(TASK, SETTINGS), result);
	}

	private Pass awaitProbe() {
		Pass[] probe = new Pass[1];
		await().atMost(Duration.ofSeconds(5)).until(() -> {
			probe[0] = this.breakers.admit(TASK, SETTINGS);
			return probe[0].probe();
		});
		return probe[0];
	}

}
