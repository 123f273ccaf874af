package dev.jobs.autoconfigure;

import java.time.Clock;
import java.time.Duration;

import dev.jobs.core.client.JobCanceller;
import dev.jobs.core.envelope.JobCodecs;
import dev.jobs.core.flow.WorkflowClient;
import dev.jobs.core.lease.LeaseKeeper;
import dev.jobs.core.lock.StoreJobLocks;
import dev.jobs.core.port.Cancellations;
import dev.jobs.core.port.CircuitBreakers;
import dev.jobs.core.port.ConcurrencyLimiter;
import dev.jobs.core.port.CrashCounter;
import dev.jobs.core.port.IdempotencyStore;
import dev.jobs.core.port.LockStore;
import dev.jobs.core.port.QueuePauses;
import dev.jobs.core.port.RateLimiter;
import dev.jobs.core.port.ResultStore;
import dev.jobs.core.port.UniqueKeys;
import dev.jobs.core.unique.UniqueClaims;
import dev.jobs.redis.ReplicaAcks;
import dev.jobs.redis.cancel.RedisCancellations;
import dev.jobs.redis.breaker.RedisCircuitBreakers;
import dev.jobs.redis.concurrency.RedisConcurrencyLimiter;
import dev.jobs.redis.crash.RedisCrashCounter;
import dev.jobs.redis.idempotency.RedisIdempotencyStore;
import dev.jobs.redis.lock.RedisLockStore;
import dev.jobs.redis.pause.RedisQueuePauses;
import dev.jobs.redis.ratelimit.RedisRateLimiter;
import dev.jobs.redis.unique.RedisUniqueKeys;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
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

	/**
	 * What the claims that must survive a failover wait for: {@code jobs.redis.replica-acks}
	 * replicas, by default one on a Sentinel set-up (whose failover promotes a replica) and none
	 * on a single Redis. Refused on a Redis Cluster, where the claim's connection is Lettuce's
	 * own to one master and a WAIT could not follow it.
	 */
	@Bean
	@ConditionalOnMissingBean
	ReplicaAcks jobsReplicaAcks(JobsSettings jobsSettings, ObjectProvider<DataRedisConnectionDetails> connection) {
		RedisClientSettings settings = jobsSettings.redisClient();
		DataRedisConnectionDetails details = connection.getIfAvailable();
		boolean sentinel = details != null && details.getSentinel() != null;
		boolean cluster = !sentinel && details != null && details.getCluster() != null;
		Integer asked = settings.replicaAcks();
		int replicas = (asked != null) ? asked : (sentinel ? 1 : 0);
		if (replicas < 0) {
			throw new InvalidConfigurationPropertyValueException("jobs.redis.replica-acks", asked,
					"must be 0 (no WAIT) or a number of replicas");
		}
		if (cluster && replicas > 0) {
			throw new InvalidConfigurationPropertyValueException("jobs.redis.replica-acks", asked,
					"is not supported on a Redis Cluster (spring.data.redis.cluster.nodes is set): a claim goes over"
							+ " Lettuce's own connection to its master, which a WAIT cannot follow; set it to 0");
		}
		Duration timeout = settings.replicaAckTimeout();
		if (replicas > 0 && (timeout == null || timeout.isNegative() || timeout.isZero())) {
			throw new InvalidConfigurationPropertyValueException("jobs.redis.replica-ack-timeout", timeout,
					"must be positive while jobs.redis.replica-acks is " + replicas);
		}
		return (replicas == 0) ? ReplicaAcks.NONE : new ReplicaAcks(replicas, timeout);
	}

	@Bean
	@ConditionalOnMissingBean(IdempotencyStore.class)
	RedisIdempotencyStore jobsIdempotencyStore(RedisConnectionFactory redisConnectionFactory, JobsSettings settings,
			JobCodecs codecs, ReplicaAcks replicaAcks) {
		return new RedisIdempotencyStore(redisConnectionFactory, settings.redisKeys(), codecs.mapper(), replicaAcks);
	}

	@Bean
	@ConditionalOnMissingBean(LockStore.class)
	RedisLockStore jobsLockStore(RedisConnectionFactory redisConnectionFactory, JobsSettings settings,
			ReplicaAcks replicaAcks) {
		return new RedisLockStore(redisConnectionFactory, settings.redisKeys(), replicaAcks);
	}

	@Bean
	@ConditionalOnMissingBean(UniqueKeys.class)
	RedisUniqueKeys jobsUniqueKeys(RedisConnectionFactory redisConnectionFactory, JobsSettings settings,
			ReplicaAcks replicaAcks) {
		return new RedisUniqueKeys(redisConnectionFactory, settings.redisKeys(), replicaAcks);
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
	@ConditionalOnMissingBean(CircuitBreakers.class)
	RedisCircuitBreakers jobsCircuitBreakers(RedisConnectionFactory redisConnectionFactory, JobsSettings settings) {
		return new RedisCircuitBreakers(redisConnectionFactory, settings.redisKeys());
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
	JobCanceller jobsCanceller(Cancellations cancellations, ResultStore results, WorkflowClient workflows,
			@Qualifier("jobsClock") ObjectProvider<Clock> jobsClock) {
		return new JobCanceller(cancellations, results, workflows::stepJobIds,
				JobsAutoConfiguration.engineClock(jobsClock));
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
