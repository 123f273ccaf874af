package dev.jobs.autoconfigure;

import java.time.Duration;

/**
 * The {@code jobs.redis} settings of the Redis client on a Cluster or Sentinel set-up, with the
 * timeouts its command timeout must stay under, as read once from the properties.
 *
 * @param topologyRefreshPeriod {@code jobs.redis.topology-refresh-period}
 * @param commandTimeout {@code jobs.redis.command-timeout}
 * @param replicaAcks {@code jobs.redis.replica-acks}; {@code null} when not set
 * @param replicaAckTimeout {@code jobs.redis.replica-ack-timeout}
 * @param healthTimeout {@code jobs.actuate.health-timeout}
 * @param confirmTimeout {@code jobs.publish.confirm-timeout}
 */
record RedisClientSettings(Duration topologyRefreshPeriod, Duration commandTimeout, Integer replicaAcks,
		Duration replicaAckTimeout, Duration healthTimeout, Duration confirmTimeout) {
}
