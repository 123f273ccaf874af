package dev.jobs.redis.crash;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.jobs.redis.LocalRedis;
import dev.jobs.redis.RedisKeys;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crash counts against the real Redis, replaying what the broker does to a redelivered job:
 * a run that never settles is counted when the job starts again, a settled one forgives the
 * crashes before it, and a late settle of an older run cannot remove a newer run's mark.
 */
class RedisCrashCounterIntegrationTests {

	private static final Duration KEEP = Duration.ofMinutes(5);

	private final RedisKeys keys = new RedisKeys("it-crash:" + UUID.randomUUID() + ":");

	private final String jobId = UUID.randomUUID().toString();

	private LettuceConnectionFactory connectionFactory;

	private RedisCrashCounter counter;

	@BeforeEach
	void createCounter() {
		this.connectionFactory = LocalRedis.connect();
		this.counter = new RedisCrashCounter(this.connectionFactory, this.keys);
	}

	@AfterEach
	void closeCounter() {
		new StringRedisTemplate(this.connectionFactory).delete(this.keys.crashes(this.jobId));
		this.connectionFactory.destroy();
	}

	@Test
	void runsThatNeverSettleAreCountedWhenTheJobStartsAgain() {
		assertThat(this.counter.started(this.jobId, "run-1", 3, KEEP)).isZero();
		assertThat(this.counter.started(this.jobId, "run-2", 3, KEEP)).isEqualTo(1);
		assertThat(this.counter.started(this.jobId, "run-3", 3, KEEP)).isEqualTo(2);
		assertThat(this.counter.started(this.jobId, "run-4", 3, KEEP)).isEqualTo(3);
		// At the limit the run is not marked, so asking again counts nothing more.
		assertThat(this.counter.started(this.jobId, "run-5", 3, KEEP)).isEqualTo(3);
	}

	@Test
	void crashesAreReadWithoutMarkingARun() {
		assertThat(this.counter.crashes(this.jobId)).isZero();
		this.counter.started(this.jobId, "run-1", 3, KEEP);
		assertThat(this.counter.crashes(this.jobId)).isOne();
		assertThat(this.counter.crashes(this.jobId)).isOne();
		assertThat(this.counter.started(this.jobId, "run-2", 3, KEEP)).isOne();
	}

	@Test
	void settledRunIsNoCrash() {
		this.counter.started(this.jobId, "run-1", 3, KEEP);
		this.counter.settled(this.jobId, "run-1");

		assertThat(this.counter.started(this.jobId, "run-2", 3, KEEP)).isZero();
	}

	@Test
	void runThatSettlesForgivesTheCrashesBeforeIt() {
		this.counter.started(this.jobId, "run-1", 3, KEEP);
		assertThat(this.counter.started(this.jobId, "run-2", 3, KEEP)).isEqualTo(1);
		this.counter.settled(this.jobId, "run-2");

		assertThat(this.counter.started(this.jobId, "run-3", 3, KEEP)).isZero();
	}

	@Test
	void lateSettleOfAnOlderRunLeavesTheNewerRunsMark() {
		this.counter.started(this.jobId, "run-1", 3, KEEP);
		this.counter.started(this.jobId, "run-2", 3, KEEP);
		this.counter.settled(this.jobId, "run-1");

		assertThat(this.counter.started(this.jobId, "run-3", 3, KEEP)).isEqualTo(2);
	}

	@Test
	void countIsKeptForTheGivenTime() {
		this.counter.started(this.jobId, "run-1", 3, KEEP);

		Long ttl = new StringRedisTemplate(this.connectionFactory).getExpire(this.keys.crashes(this.jobId));
		assertThat(ttl).isBetween(KEEP.toSeconds() - 5, KEEP.toSeconds());
	}

}
