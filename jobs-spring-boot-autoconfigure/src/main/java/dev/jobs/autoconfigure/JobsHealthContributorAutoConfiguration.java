package dev.jobs.autoconfigure;

import dev.jobs.actuate.health.CircuitBreakersHealthIndicator;
import dev.jobs.actuate.health.JobsHealthIndicator;
import dev.jobs.actuate.health.JobsHealthIndicator.StuckThreads;
import dev.jobs.core.execution.RunningJobs;
import dev.jobs.core.port.CircuitBreakers;
import dev.jobs.core.port.QueueInspector;
import dev.jobs.core.port.ScheduleOperations;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Auto-configuration of the {@code jobs} health contributor, active when Spring Boot's health
 * support is on the classpath and {@code management.health.jobs.enabled} is not
 * {@code false}. The check waits {@code jobs.actuate.health-timeout} for RabbitMQ and Redis.
 */
@AutoConfiguration(after = JobsOperationsAutoConfiguration.class)
@ConditionalOnClass({ AbstractHealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean({ QueueInspector.class, RedisConnectionFactory.class })
@ConditionalOnEnabledHealthIndicator("jobs")
public final class JobsHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = { "jobsHealthIndicator", "jobsHealthContributor" })
	JobsHealthIndicator jobsHealthIndicator(QueueInspector queues, RedisConnectionFactory redisConnectionFactory,
			JobsSettings jobsSettings, ObjectProvider<ScheduleOperations> schedules,
			ObjectProvider<RunningJobs> runningJobs) {
		RunningJobs worker = runningJobs.getIfAvailable();
		StuckThreads stuck = (worker != null) ? new StuckThreads(worker::stuck, jobsSettings.maxStuck())
				: StuckThreads.NONE;
		return new JobsHealthIndicator(queues, redisConnectionFactory, jobsSettings.actuate().healthTimeout(),
				schedules.getIfAvailable(() -> ScheduleOperations.NONE), stuck);
	}

	/** Only where a task has a circuit breaker. */
	@Bean
	@ConditionalOnMissingBean(name = "jobsCircuitBreakersHealthIndicator")
	@ConditionalOnBean(CircuitBreakers.class)
	@Conditional(OnCircuitBreakersCondition.class)
	CircuitBreakersHealthIndicator jobsCircuitBreakersHealthIndicator(CircuitBreakers breakers,
			JobsSettings jobsSettings) {
		return new CircuitBreakersHealthIndicator(breakers, jobsSettings.circuitBreakers().keySet(),
				jobsSettings.openBreakerDown());
	}

}
