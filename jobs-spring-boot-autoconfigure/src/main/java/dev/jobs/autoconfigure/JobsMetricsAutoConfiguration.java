package dev.jobs.autoconfigure;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import dev.jobs.actuate.metrics.CircuitBreakerGauges;
import dev.jobs.actuate.metrics.JobMeters;
import dev.jobs.actuate.metrics.QueueDepthGauges;
import dev.jobs.actuate.metrics.StuckThreadGauge;
import dev.jobs.core.execution.RunningJobs;
import dev.jobs.actuate.metrics.QueueSnapshotCache;
import dev.jobs.core.port.CircuitBreakers;
import dev.jobs.core.port.QueueInspector;
import dev.jobs.rabbit.topology.JobQueueSpec;
import dev.jobs.rabbit.topology.JobsTopology;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Auto-configuration of the jobs meters ({@code jobs.enqueued}, {@code jobs.completed},
 * {@code jobs.duration}, {@code jobs.queue.depth}, {@code jobs.dlq.depth}, {@code jobs.worker.stuck}), active when
 * Micrometer is on the classpath and a {@link MeterRegistry} is defined.
 */
@AutoConfiguration(after = JobsOperationsAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public final class JobsMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	JobMeters jobsMeters(MeterRegistry registry) {
		return new JobMeters(registry);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(QueueInspector.class)
	QueueDepthGauges jobsQueueDepthGauges(QueueInspector queues, JobsSettings settings, JobsTopology topology) {
		return new QueueDepthGauges(
				new QueueSnapshotCache(queues, settings.actuate().depthCacheTtl(), Clock.systemUTC()),
				() -> topology.queues().stream().map(JobQueueSpec::name).toList());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(CircuitBreakers.class)
	@Conditional(OnCircuitBreakersCondition.class)
	CircuitBreakerGauges jobsCircuitBreakerGauges(CircuitBreakers breakers, JobsSettings settings) {
		return new CircuitBreakerGauges(breakers, settings.circuitBreakers().keySet());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(RunningJobs.class)
	StuckThreadGauge jobsStuckThreadGauge(RunningJobs runningJobs) {
		return new StuckThreadGauge(runningJobs::stuck);
	}

}
