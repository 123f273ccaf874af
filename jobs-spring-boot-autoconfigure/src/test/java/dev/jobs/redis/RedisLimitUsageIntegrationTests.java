package dev.jobs.redis;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.jobs.core.port.LimitUsage;
import dev.jobs.redis.concurrency.RedisConcurrencyLimiter;
import dev.jobs.redis.ratelimit.RedisRateLimiter;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The budgets the dashboard's limits page lists, against the real Redis: the limiters note the
 * budgets they use, and {@link RedisLimitUsage} reads how much of each is in use.
 */
class RedisLimitUsageIntegrationTests {

	private static final Duration LEASE = Duration.ofMinutes(1);

	private final String prefix = "it-limit-usage:" + UUID.randomUUID() + ":";

	private final RedisKeys keys = new RedisKeys(this.prefix);

	private LettuceConnectionFactory connectionFactory;

	private RedisConcurrencyLimiter concurrency;

	private RedisRateLimiter rates;

	private RedisLimitUsage usage;

	@BeforeEach
	void createLimiters() {
		this.connectionFactory = LocalRedis.connect();
		this.concurrency = new RedisConcurrencyLimiter(this.connectionFactory, this.keys);
		this.rates = new RedisRateLimiter(this.connectionFactory, this.keys);
		this.usage = new RedisLimitUsage(this.connectionFactory, this.keys);
	}

	@AfterEach
	void deleteKeys() {
		LocalRedis.deleteKeys(this.connectionFactory, this.prefix);
		this.connectionFactory.destroy();
	}

	@Test
	void aConcurrencyBudgetShowsThePermitsHeldNow() {
		assertThat(this.concurrency.acquire("task:send-mail:a@example.com", "job-1", 2, LEASE)).isTrue();
		assertThat(this.concurrency.acquire("task:send-mail:a@example.com", "job-2", 2, LEASE)).isTrue();
		assertThat(this.concurrency.acquire("task:send-mail:b@example.com", "job-3", 2, LEASE)).isTrue();
		this.concurrency.release("task:send-mail:b@example.com", "job-3");

		// The limiter notes its budgets in the background.
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.usage.recent(Duration.ofMinutes(10), 10))
				.extracting(LimitUsage.Budget::kind, LimitUsage.Budget::name, LimitUsage.Budget::held)
				.containsExactlyInAnyOrder(tuple(LimitUsage.Kind.CONCURRENCY, "task:send-mail:a@example.com", 2L),
						tuple(LimitUsage.Kind.CONCURRENCY, "task:send-mail:b@example.com", 0L)));
	}

	@Test
	void aRateBudgetShowsHowFarAheadItsSlotsAreTaken() {
		Duration interval = Duration.ofSeconds(10);
		for (int i = 0; i < 3; i++) {
			this.rates.reserve("task:send-webhook:example.com", interval, Duration.ZERO);
		}

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.usage.recent(Duration.ofMinutes(10), 10)).hasSize(1));
		assertThat(this.usage.recent(Duration.ofMinutes(10), 10)).singleElement().satisfies((budget) -> {
			assertThat(budget.kind()).isEqualTo(LimitUsage.Kind.RATE);
			assertThat(budget.name()).isEqualTo("task:send-webhook:example.com");
			// Three slots taken: the first now, so the next free one is about three intervals on.
			assertThat(budget.bookedAhead()).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(30));
			assertThat(budget.lastUsed()).isNotNull();
		});
	}

	@Test
	void aBudgetNotUsedWithinTheTimeAskedIsNotListed() {
		this.concurrency.acquire("task:send-mail:a@example.com", "job-1", 1, LEASE);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.usage.recent(Duration.ofMinutes(10), 10)).hasSize(1));

		assertThat(this.usage.recent(Duration.ofMillis(-1), 10)).isEmpty();
	}

}
