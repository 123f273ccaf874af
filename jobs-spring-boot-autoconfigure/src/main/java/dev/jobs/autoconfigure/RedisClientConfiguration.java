package dev.jobs.autoconfigure;

import java.time.Duration;

import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * What a Redis Cluster or Sentinel set-up needs from Boot's Lettuce client and Boot leaves off.
 * <ol>
 * <li>On a Cluster, topology refresh: without it Lettuce keeps sending a dead master's slots to
 * the dead master until it comes back, and every job waits on those calls (measured: 124 s of
 * stalled processing for one master killed). Adaptive refresh reacts to MOVED, ASK and
 * reconnects; the periodic refresh ({@code jobs.redis.topology-refresh-period}) finds a failover
 * no command has run into yet. Boot's own {@code spring.data.redis.lettuce.cluster.refresh.*}
 * win where set.</li>
 * <li>On a Cluster or Sentinel set-up, a command timeout ({@code jobs.redis.command-timeout})
 * where {@code spring.data.redis.timeout} is not set, in place of Lettuce's 60 s: a call to a
 * dead master then fails in seconds, the worker holds the outcome and retries it as in any
 * Redis outage, and the health check and the publisher's confirm wait are not outlasted. The
 * timeout in force must be shorter than both, or start-up fails naming the properties.</li>
 * </ol>
 * A single Redis is left exactly as Boot configures it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(ClusterClientOptions.class)
class RedisClientConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "jobsLettuceTopologyRefresh")
	LettuceClientOptionsBuilderCustomizer jobsLettuceTopologyRefresh(JobsSettings jobsSettings,
			ObjectProvider<DataRedisProperties> redisProperties, Environment environment) {
		Duration ours = jobsSettings.redisClient().topologyRefreshPeriod();
		if (ours == null || ours.isNegative()) {
			throw new InvalidConfigurationPropertyValueException("jobs.redis.topology-refresh-period", ours,
					"must be 0 (no periodic refresh) or positive");
		}
		Binder binder = Binder.get(environment);
		String refresh = "spring.data.redis.lettuce.cluster.refresh.";
		Boolean adaptive = binder.bind(refresh + "adaptive", Boolean.class).orElse(null);
		Duration period = binder.bind(refresh + "period", Duration.class).orElse(null);
		return (builder) -> {
			// Boot hands a cluster's options builder over as ClusterClientOptions.Builder; its
			// refresh options were built from spring.data.redis.lettuce.cluster.refresh.*, and are
			// built again here from the same properties with ours filling what is not set.
			if (!(builder instanceof ClusterClientOptions.Builder cluster)) {
				return;
			}
			DataRedisProperties boot = redisProperties.getIfAvailable(DataRedisProperties::new);
			ClusterTopologyRefreshOptions.Builder options = ClusterTopologyRefreshOptions.builder()
				.dynamicRefreshSources(boot.getLettuce().getCluster().getRefresh().isDynamicRefreshSources());
			Duration every = (period != null) ? period : ours;
			if (!every.isZero()) {
				options.enablePeriodicRefresh(every);
			}
			if (adaptive == null || adaptive) {
				options.enableAllAdaptiveRefreshTriggers();
			}
			cluster.topologyRefreshOptions(options.build());
		};
	}

	@Bean
	@ConditionalOnMissingBean(name = "jobsLettuceCommandTimeout")
	LettuceClientConfigurationBuilderCustomizer jobsLettuceCommandTimeout(JobsSettings jobsSettings,
			ObjectProvider<DataRedisProperties> redisProperties,
			ObjectProvider<DataRedisConnectionDetails> connectionDetails) {
		DataRedisConnectionDetails details = connectionDetails.getIfAvailable();
		boolean manyNodes = details != null && (details.getCluster() != null || details.getSentinel() != null);
		if (!manyNodes) {
			return (builder) -> {
			};
		}
		RedisClientSettings settings = jobsSettings.redisClient();
		Duration boot = redisProperties.getIfAvailable(DataRedisProperties::new).getTimeout();
		Duration timeout = (boot != null) ? boot : settings.commandTimeout();
		String property = (boot != null) ? "spring.data.redis.timeout" : "jobs.redis.command-timeout";
		requireShorter(property, timeout, "jobs.actuate.health-timeout", "the health check",
				settings.healthTimeout());
		requireShorter(property, timeout, "jobs.publish.confirm-timeout", "an enqueue",
				settings.confirmTimeout());
		if (boot != null) {
			return (builder) -> {
			};
		}
		return (builder) -> builder.commandTimeout(timeout);
	}

	private static void requireShorter(String property, Duration timeout, String other, String waiter,
			Duration otherTimeout) {
		if (timeout == null || timeout.isNegative() || timeout.isZero()) {
			throw new InvalidConfigurationPropertyValueException(property, timeout,
					"must be positive on a Redis Cluster or Sentinel set-up");
		}
		if (otherTimeout != null && timeout.compareTo(otherTimeout) >= 0) {
			throw new InvalidConfigurationPropertyValueException(property, timeout,
					"must be shorter than " + other + " (" + otherTimeout + ") on a Redis Cluster or Sentinel set-up,"
							+ " so that a call to a dead master fails while " + waiter + " still waits; lower " + property
							+ " or raise " + other);
		}
	}

}
