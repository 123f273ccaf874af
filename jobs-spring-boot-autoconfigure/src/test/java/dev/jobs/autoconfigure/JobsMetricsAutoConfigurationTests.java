package dev.jobs.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import dev.jobs.actuate.metrics.JobMeters;
import dev.jobs.actuate.metrics.QueueDepthGauges;

import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class JobsMetricsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RabbitAutoConfiguration.class, DataRedisAutoConfiguration.class,
				JobsAutoConfiguration.class, JobsOperationsAutoConfiguration.class,
				JobsMetricsAutoConfiguration.class))
		.withPropertyValues("jobs.default-queue=orders", "jobs.queues.bulk.concurrency=1");

	@Test
	void withAMeterRegistryJobsAreMeteredAndEveryQueueHasADepthGauge() {
		this.runner
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(JobMeters.class).hasSingleBean(QueueDepthGauges.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.find("jobs.queue.depth").gauges())
					.extracting((gauge) -> gauge.getId().getTag("queue"))
					.containsExactlyInAnyOrder("orders", "bulk");
				assertThat(registry.find("jobs.dlq.depth").gauge()).isNotNull();
			});
	}

	@Test
	void withoutAMeterRegistryThereAreNoMeters() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(JobMeters.class)
			.doesNotHaveBean(QueueDepthGauges.class));
	}

}
