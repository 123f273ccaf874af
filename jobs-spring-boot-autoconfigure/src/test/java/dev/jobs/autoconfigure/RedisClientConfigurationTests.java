package dev.jobs.autoconfigure;

import java.time.Duration;

import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import org.junit.jupiter.api.Test;

import dev.jobs.redis.ReplicaAcks;

import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the starter adds to Boot's Lettuce client on a Redis Cluster and a Sentinel set-up, what
 * it leaves to Boot's own properties, and the timeouts it refuses. No Redis is reached: the
 * connection factory is built, never connected.
 */
class RedisClientConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RabbitAutoConfiguration.class, DataRedisAutoConfiguration.class,
				JobsAutoConfiguration.class))
		.withPropertyValues("spring.rabbitmq.host=127.0.0.1", "spring.rabbitmq.port=1");

	private final ApplicationContextRunner cluster = this.runner
		.withPropertyValues("spring.data.redis.cluster.nodes=127.0.0.1:1,127.0.0.1:2");

	@Test
	void clusterGetsAdaptiveAndPeriodicRefreshAndAShortTimeout() {
		this.cluster.run((context) -> {
			LettuceClientConfiguration client = client(context.getBean(LettuceConnectionFactory.class));
			ClusterTopologyRefreshOptions refresh = refresh(client);
			assertThat(refresh.isPeriodicRefreshEnabled()).isTrue();
			assertThat(refresh.getRefreshPeriod()).isEqualTo(Duration.ofSeconds(5));
			assertThat(refresh.getAdaptiveRefreshTriggers()).isNotEmpty();
			assertThat(refresh.useDynamicRefreshSources()).isTrue();
			assertThat(client.getCommandTimeout()).isEqualTo(Duration.ofSeconds(3));
		});
	}

	@Test
	void bootsOwnRefreshAndTimeoutSettingsWin() {
		this.cluster
			.withPropertyValues("spring.data.redis.lettuce.cluster.refresh.adaptive=false",
					"spring.data.redis.lettuce.cluster.refresh.period=30s",
					"spring.data.redis.lettuce.cluster.refresh.dynamic-refresh-sources=false",
					"spring.data.redis.timeout=2s")
			.run((context) -> {
				LettuceClientConfiguration client = client(context.getBean(LettuceConnectionFactory.class));
				ClusterTopologyRefreshOptions refresh = refresh(client);
				assertThat(refresh.getRefreshPeriod()).isEqualTo(Duration.ofSeconds(30));
				assertThat(refresh.getAdaptiveRefreshTriggers()).isEmpty();
				assertThat(refresh.useDynamicRefreshSources()).isFalse();
				assertThat(client.getCommandTimeout()).isEqualTo(Duration.ofSeconds(2));
			});
	}

	@Test
	void jobsPropertiesTuneTheDefaults() {
		this.cluster.withPropertyValues("jobs.redis.topology-refresh-period=0", "jobs.redis.command-timeout=1500ms")
			.run((context) -> {
				LettuceClientConfiguration client = client(context.getBean(LettuceConnectionFactory.class));
				assertThat(refresh(client).isPeriodicRefreshEnabled()).isFalse();
				assertThat(refresh(client).getAdaptiveRefreshTriggers()).isNotEmpty();
				assertThat(client.getCommandTimeout()).isEqualTo(Duration.ofMillis(1500));
			});
	}

	@Test
	void sentinelGetsTheShortTimeoutToo() {
		this.runner
			.withPropertyValues("spring.data.redis.sentinel.master=mymaster",
					"spring.data.redis.sentinel.nodes=127.0.0.1:1")
			.run((context) -> assertThat(client(context.getBean(LettuceConnectionFactory.class)).getCommandTimeout())
				.isEqualTo(Duration.ofSeconds(3)));
	}

	@Test
	void singleRedisIsLeftAsBootConfiguresIt() {
		this.runner.withPropertyValues("spring.data.redis.port=1").run((context) -> {
			LettuceClientConfiguration client = client(context.getBean(LettuceConnectionFactory.class));
			assertThat(client.getClientOptions()).get().isNotInstanceOf(ClusterClientOptions.class);
			assertThat(client.getCommandTimeout()).isEqualTo(Duration.ofSeconds(60));
		});
	}

	@Test
	void timeoutNotShorterThanTheHealthCheckFailsStartUp() {
		this.cluster.withPropertyValues("jobs.redis.command-timeout=5s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("jobs.redis.command-timeout")
				.hasMessageContaining("must be shorter than jobs.actuate.health-timeout (PT5S)");
		});
	}

	@Test
	void bootTimeoutNotShorterThanTheConfirmTimeoutFailsStartUp() {
		this.cluster
			.withPropertyValues("spring.data.redis.timeout=60s", "jobs.actuate.health-timeout=2m")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("spring.data.redis.timeout")
					.hasMessageContaining("must be shorter than jobs.publish.confirm-timeout (PT10S)");
			});
	}

	@Test
	void claimsWaitForOneReplicaOnSentinelAndForNoneOnASingleRedisOrACluster() {
		this.runner
			.withPropertyValues("spring.data.redis.sentinel.master=mymaster",
					"spring.data.redis.sentinel.nodes=127.0.0.1:1")
			.run((context) -> assertThat(context.getBean(ReplicaAcks.class).replicas()).isEqualTo(1));
		this.runner.withPropertyValues("spring.data.redis.port=1")
			.run((context) -> assertThat(context.getBean(ReplicaAcks.class)).isSameAs(ReplicaAcks.NONE));
		this.cluster.run((context) -> assertThat(context.getBean(ReplicaAcks.class)).isSameAs(ReplicaAcks.NONE));
		this.runner.withPropertyValues("spring.data.redis.port=1", "jobs.redis.replica-acks=2")
			.run((context) -> assertThat(context.getBean(ReplicaAcks.class).replicas()).isEqualTo(2));
	}

	@Test
	void replicaAcksOnAClusterFailStartUp() {
		this.cluster.withPropertyValues("jobs.redis.replica-acks=1").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("jobs.redis.replica-acks")
				.hasMessageContaining("is not supported on a Redis Cluster");
		});
	}

	private static LettuceClientConfiguration client(LettuceConnectionFactory factory) {
		return factory.getClientConfiguration();
	}

	private static ClusterTopologyRefreshOptions refresh(LettuceClientConfiguration client) {
		return ((ClusterClientOptions) client.getClientOptions().orElseThrow()).getTopologyRefreshOptions();
	}

}
