package dev.jobs.instance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.JobsContextRunner;
import dev.jobs.autoconfigure.JobsInstancesAutoConfiguration;
import dev.jobs.core.instance.InstanceHeartbeat;
import dev.jobs.core.port.InstanceRegistry;
import dev.jobs.core.port.InstanceRegistry.Instance;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Instances reporting themselves in the real Redis: each sees the others, one that shuts down
 * leaves the list at once, and one that dies without a goodbye leaves it once its report expires.
 */
class InstancesIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final JobsContextRunner jobs = new JobsContextRunner();

	@AfterEach
	void cleanUp() {
		this.jobs.cleanUp();
	}

	private ApplicationContextRunner reporting(ApplicationContextRunner runner) {
		return runner.withConfiguration(AutoConfigurations.of(JobsInstancesAutoConfiguration.class))
			.withPropertyValues("jobs.instances.heartbeat-interval=200ms");
	}

	@Test
	void aWorkerAndAProducerSeeEachOtherAndOneThatShutsDownLeavesAtOnce() {
		reporting(this.jobs.worker()).run((worker) -> {
			InstanceRegistry registry = worker.getBean(InstanceRegistry.class);
			String workerId = worker.getBean(InstanceHeartbeat.class).id();
			String[] producerId = new String[1];
			reporting(this.jobs.producer()).run((producer) -> {
				producerId[0] = producer.getBean(InstanceHeartbeat.class).id();
				await().atMost(TIMEOUT).untilAsserted(() -> {
					List<Instance> live = registry.live();
					assertThat(live).extracting(Instance::id).containsExactlyInAnyOrder(workerId, producerId[0]);
					assertThat(live).filteredOn((instance) -> instance.id().equals(workerId))
						.singleElement()
						.satisfies((instance) -> {
							assertThat(instance.queues()).containsExactly(this.jobs.queue());
							assertThat(instance.consuming()).isTrue();
						});
					assertThat(live).filteredOn((instance) -> instance.id().equals(producerId[0]))
						.singleElement()
						.satisfies((instance) -> assertThat(instance.queues()).isEmpty());
				});
			});
			assertThat(registry.live()).extracting(Instance::id).containsExactly(workerId);
			assertThat(workerId).isNotEqualTo(producerId[0]);
		});
	}

	@Test
	void anInstanceThatDiesWithoutAGoodbyeLeavesOnceItsReportExpires() {
		reporting(this.jobs.producer()).withPropertyValues("jobs.instances.heartbeat-interval=0").run((context) -> {
			InstanceRegistry registry = context.getBean(InstanceRegistry.class);
			Instance dead = new Instance("4711@elsewhere#beef", Instant.now(), Instant.now(), List.of("default"), true,
					3, 0);
			registry.report(dead, Duration.ofMillis(500));
			assertThat(registry.live()).extracting(Instance::id).containsExactly(dead.id());

			await().atMost(TIMEOUT).until(() -> registry.live().isEmpty());
			StringRedisTemplate redis = new StringRedisTemplate(context.getBean(RedisConnectionFactory.class));
			assertThat(redis.opsForZSet().size(this.jobs.keyPrefix() + "instances")).isZero();
		});
	}

	@Test
	void anIntervalOfZeroReportsNothing() {
		reporting(this.jobs.worker()).withPropertyValues("jobs.instances.heartbeat-interval=0").run((silent) -> {
			InstanceRegistry registry = silent.getBean(InstanceRegistry.class);
			reporting(this.jobs.producer()).run((reporting) -> {
				String reportingId = reporting.getBean(InstanceHeartbeat.class).id();
				// Once an instance started after it has reported, the silent one would have too.
				await().atMost(TIMEOUT)
					.untilAsserted(() -> assertThat(registry.live()).extracting(Instance::id).contains(reportingId));
				assertThat(registry.live()).extracting(Instance::id).containsExactly(reportingId);
			});
		});
	}

	@Test
	void anIntervalTooShortFailsStartUpNamingTheProperty() {
		reporting(this.jobs.producer()).withPropertyValues("jobs.instances.heartbeat-interval=10ms")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("jobs.instances.heartbeat-interval"));
	}

}
