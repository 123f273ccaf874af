package dev.jobs.autoconfigure;

import java.time.Clock;

import dev.jobs.core.client.JobCanceller;
import dev.jobs.core.envelope.JobCodecs;
import dev.jobs.core.flow.WorkflowClient;
import dev.jobs.core.lease.LeaseKeeper;
import dev.jobs.core.lock.StoreJobLocks;
import dev.jobs.core.port.Cancellations;
import dev.jobs.core.port.ConcurrencyLimiter;
import dev.jobs.core.port.CrashCounter;
import dev.jobs.core.port.IdempotencyStore;
import dev.jobs.core.port.LockStore;
import dev.jobs.core.port.QueuePauses;
import dev.jobs.core.port.RateLimiter;
import dev.jobs.core.port.ResultStore;
import dev.jobs.core.port.UniqueKeys;
import dev.jobs.core.unique.UniqueClaims;
import dev.jobs.redis.cancel.RedisCancellations;
import dev.jobs.redis.concurrency.RedisConcurrencyLimiter;
import dev.jobs.redis.crash.RedisCrashCounter;
import dev.jobs.redis.idempotency.RedisIdempotencyStore;
import dev.jobs.redis.lock.RedisLockStore;
import dev.jobs.redis.pause.RedisQueuePauses;
import dev.jobs.redis.ratelimit.RedisRateLimiter;
import dev.jobs.redis.unique.RedisUniqueKeys;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * The stores of idempotency keys, locks, unique keys, rate limits, concurrency permits, queue
 * pauses and cancels, and what the engine builds over them (the canceller):
 * the lease keeper, the {@link dev.jobs.JobLocks} bean and the producer's unique-key claims. The
 * worker's guards over these stores are assembled with the worker
 * ({@code JobsAutoConfiguration}). Every bean backs off when the application defines its own.
 */
@Configuration(proxyBeanMethods = false)
class ExactlyOnceConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LeaseKeeper jobsLeaseKeeper() {
		return new LeaseKeeper();
	}

	@Bean
	@ConditionalOnMissingBean(IdempotencyStore.class)
	RedisIdempotencyStore jobsIdempotencyStore(RedisConnectionFactory redisConnectionFactory, JobsSettings settings,
			JobCodecs codecs) {
		return new RedisIdempotencyStore(redisConnectionFactory, settings.redisKeys(), codecs.mapper());
	}

	@Bean
	@ConditionalOnMissingBean(LockStore.class)
	RedisLockStore jobsLockStore(RedisConnectionFactory redisConnectionFactory, JobsSettings settings) {
		return new RedisLockStore(redisConnectionFactory, settings.redisKeys());
	}

	@Bean
	@ConditionalOnMissingBean(UniqueKeys.class)
	RedisUniqueKeys jobsUniqueKeys(RedisConnectionFactory redisConnectionFactory, JobsSettings settings) {
		return new RedisUniqueKeys(redisConnectionFactory, settings.redisKeys());
	}

	@Bean
	@ConditionalOnMissingBean(RateLimiter.class)
	RedisRateLimiter jobsRateLimiter(RedisConnectionFactory redisConnectionFactory, JobsSettings settings) {
		return new RedisRateLimiter(redisConnectionFactory, settings.redisKeys());
	}

	@Bean
	@ConditionalOnMissingBean(ConcurrencyLimiter.class)
	RedisConcurrencyLimiter jobsConcurrencyLimiter(RedisConnectionFactory redisConnectionFactory,
			JobsSettings settings) {
		return new RedisConcurrencyLimiter(redisConnectionFactory, settings.redisKeys());
	}

	@Bean
	@ConditionalOnMissingBean(QueuePauses.class)
	RedisQueuePauses jobsQueuePauses(RedisConnectionFactory redisConnectionFactory, JobsSettings settings) {
		return new RedisQueuePauses(redisConnectionFactory, settings.redisKeys());
	}

	@Bean
	@ConditionalOnMissingBean(CrashCounter.class)
	RedisCrashCounter jobsCrashCounter(RedisConnectionFactory redisConnectionFactory, JobsSettings settings) {
		return new RedisCrashCounter(redisConnectionFactory, settings.redisKeys());
	}

	@Bean
	@ConditionalOnMissingBean(Cancellations.class)
	RedisCancellations jobsCancellations(RedisConnectionFactory redisConnectionFactory, JobsSettings settings) {
		return new RedisCancellations(redisConnectionFactory, settings.redisKeys(), settings.resultTtl(),
				Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	JobCanceller jobsCanceller(Cancellations cancellations, ResultStore results, WorkflowClient workflows) {
		return new JobCanceller(cancellations, results, workflows::stepJobIds, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	StoreJobLocks jobsLocks(LockStore store, LeaseKeeper leases) {
		return new StoreJobLocks(store, leases);
	}

	@Bean
	@ConditionalOnMissingBean
	UniqueClaims jobsUniqueClaims(UniqueKeys keys, JobsSettings settings) {
		return new UniqueClaims(keys, settings.uniqueTtl());
	}

}
