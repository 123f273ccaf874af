package dev.jobs.autoconfigure;


import dev.jobs.Jobs;
import dev.jobs.actuate.endpoint.JobLookup;
import dev.jobs.actuate.endpoint.JobsEndpoint;
import dev.jobs.actuate.endpoint.JobsEndpointWebExtension;
import dev.jobs.actuate.metrics.JobCounters;
import dev.jobs.core.port.CircuitBreakers;
import dev.jobs.core.port.DeadLetterQueue;
import dev.jobs.core.port.QueueInspector;
import dev.jobs.core.port.QueuePauses;
import dev.jobs.core.port.ScheduleOperations;
import dev.jobs.core.task.TaskRegistry;
import dev.jobs.rabbit.JobConsumers;
import dev.jobs.rabbit.topology.JobsTopology;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link JobsEndpoint} ({@code /actuator/jobs}), active when
 * Actuator is on the classpath and the endpoint is exposed.
 */
@AutoConfiguration(after = JobsOperationsAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(JobsEndpoint.class)
@ConditionalOnBean({ QueueInspector.class, DeadLetterQueue.class })
public final class JobsEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	JobCounters jobsCounters() {
		return new JobCounters();
	}

	@Bean
	@ConditionalOnMissingBean
	JobsEndpoint jobsEndpoint(QueueInspector queues, DeadLetterQueue deadLetters, JobCounters counters,
			JobsSettings settings, ObjectProvider<JobConsumers> worker,
			ObjectProvider<SanitizingFunction> sanitizingFunctions, ObjectProvider<ScheduleOperations> schedules,
			ObjectProvider<QueuePauses> pauses, JobsTopology topology, ObjectProvider<TaskRegistry> registry,
			ObjectProvider<CircuitBreakers> breakers) {
		JobsEndpoint.QueueControl queueControl = pauses.stream()
			.findFirst()
			.map((store) -> new JobsEndpoint.QueueControl(store, topology::declares))
			.orElse(JobsEndpoint.QueueControl.NONE);
		return new JobsEndpoint(queues, deadLetters, counters, settings.workerQueueNames(),
				() -> worker.stream().anyMatch(JobConsumers::isRunning), sanitizingFunctions.orderedStream().toList(),
				schedules.getIfAvailable(() -> ScheduleOperations.NONE), queueControl,
				MaskedArgs.of(settings.taskSettings().maskArgs(), registry.getIfAvailable()),
				breakers.stream()
					.findFirst()
					.map((store) -> new JobsEndpoint.BreakerControl(store, settings.circuitBreakers().keySet()))
					.orElse(JobsEndpoint.BreakerControl.NONE));
	}

	@Bean
	@ConditionalOnBean(JobsEndpoint.class)
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
	JobsEndpointWebExtension jobsEndpointWebExtension(JobsEndpoint endpoint, JobsSettings settings,
			ObjectProvider<Jobs> jobs) {
		ActuateSettings actuate = settings.actuate();
		return new JobsEndpointWebExtension(endpoint, Show.valueOf(actuate.showValues()), actuate.roles(),
				jobs.stream().findFirst().map(JobLookup::new).orElse(null), actuate.writeRoles());
	}

}
