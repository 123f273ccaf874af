package dev.jobs.autoconfigure;

import java.time.Clock;

import dev.jobs.core.envelope.JobCodecs;
import dev.jobs.core.port.DeadLetterQueue;
import dev.jobs.core.port.JobPublisher;
import dev.jobs.core.port.JobRecords;
import dev.jobs.core.port.QueueInspector;
import dev.jobs.rabbit.JobsRabbitConnections;
import dev.jobs.rabbit.RabbitQueueInspector;
import dev.jobs.rabbit.deadletter.RabbitDeadLetterQueue;
import dev.jobs.rabbit.topology.JobsTopology;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of what operators use, with or without Actuator: the {@link QueueInspector}
 * and the {@link DeadLetterQueue}. Every bean backs off when the application defines its own.
 */
@AutoConfiguration(after = JobsAutoConfiguration.class)
@ConditionalOnClass(RabbitTemplate.class)
@ConditionalOnBean(JobsRabbitConnections.class)
public final class JobsOperationsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(QueueInspector.class)
	RabbitQueueInspector jobsQueueInspector(JobsRabbitConnections connections, JobsSettings settings,
			JobsTopology topology, JobCodecs codecs) {
		return new RabbitQueueInspector(connections.worker(), topology, settings.actuate().managementApi(),
				codecs.mapper(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean(DeadLetterQueue.class)
	RabbitDeadLetterQueue jobsDeadLetterQueue(JobsRabbitConnections connections, JobsTopology topology,
			JobPublisher publisher, JobCodecs codecs, JobsSettings settings, ObjectProvider<JobRecords> records) {
		return new RabbitDeadLetterQueue(connections.worker(), topology, publisher, codecs.envelopes(),
				settings.publishSettings().confirmTimeout(), records.getIfAvailable(() -> JobRecords.NONE));
	}

}
