package dev.jobs.autoconfigure;

import dev.jobs.Jobs;
import dev.jobs.core.envelope.JobCodecs;
import dev.jobs.core.instance.InstanceHeartbeat;
import dev.jobs.core.port.AuditTrail;
import dev.jobs.core.port.BatchStore;
import dev.jobs.core.port.DeadLetterQueue;
import dev.jobs.core.port.FailureResolutions;
import dev.jobs.core.port.FlowStore;
import dev.jobs.core.port.InstanceRegistry;
import dev.jobs.core.port.JobSearch;
import dev.jobs.core.port.JobThroughput;
import dev.jobs.core.port.LimitUsage;
import dev.jobs.core.port.QueueInspector;
import dev.jobs.core.port.QueuePauses;
import dev.jobs.core.port.RecentFlows;
import dev.jobs.core.port.ResultStore;
import dev.jobs.core.port.ScheduleOperations;
import dev.jobs.core.task.TaskRegistry;
import dev.jobs.dashboard.DashboardAccess;
import dev.jobs.dashboard.DashboardOperations;
import dev.jobs.dashboard.DashboardRoutes;
import dev.jobs.rabbit.JobConsumers;
import dev.jobs.redis.RedisJobSearch;
import dev.jobs.redis.RedisJobThroughput;
import dev.jobs.redis.RedisLimitUsage;
import dev.jobs.redis.audit.RedisAuditTrail;
import dev.jobs.redis.failures.RedisFailureResolutions;
import dev.jobs.redis.flow.RedisRecentFlows;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Auto-configuration of the operators' dashboard ({@code jobs.dashboard.*}, docs/dashboard.md),
 * served by the application's own Spring MVC: on when {@code jobs.dashboard.enabled} is true, or
 * when it is unset and Spring Security is present.
 */
@AutoConfiguration(
		after = { JobsAutoConfiguration.class, JobsOperationsAutoConfiguration.class, JobsInstancesAutoConfiguration.class },
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(RouterFunction.class)
@Conditional(OnDashboardEnabledCondition.class)
@ConditionalOnBean({ QueueInspector.class, DeadLetterQueue.class, ResultStore.class })
public final class JobsDashboardAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(JobSearch.class)
	@ConditionalOnBean(RedisConnectionFactory.class)
	RedisJobSearch jobsSearch(RedisConnectionFactory redisConnectionFactory, JobsSettings settings, JobCodecs codecs) {
		return new RedisJobSearch(redisConnectionFactory, settings.redisKeys(), codecs.mapper());
	}

	@Bean
	@ConditionalOnMissingBean(AuditTrail.class)
	@ConditionalOnBean(RedisConnectionFactory.class)
	RedisAuditTrail jobsAuditTrail(RedisConnectionFactory redisConnectionFactory, JobsSettings settings,
			JobCodecs codecs) {
		return new RedisAuditTrail(redisConnectionFactory, settings.redisKeys(), codecs.mapper(),
				settings.dashboard().auditTtl());
	}

	@Bean
	@ConditionalOnMissingBean(FailureResolutions.class)
	@ConditionalOnBean(RedisConnectionFactory.class)
	RedisFailureResolutions jobsFailureResolutions(RedisConnectionFactory redisConnectionFactory,
			JobsSettings settings) {
		return new RedisFailureResolutions(redisConnectionFactory, settings.redisKeys());
	}

	@Bean
	@ConditionalOnMissingBean(RecentFlows.class)
	@ConditionalOnBean({ RedisConnectionFactory.class, FlowStore.class, BatchStore.class })
	RedisRecentFlows jobsRecentFlows(RedisConnectionFactory redisConnectionFactory, JobsSettings settings,
			FlowStore flows, BatchStore batches) {
		return new RedisRecentFlows(redisConnectionFactory, settings.redisKeys(), flows, batches);
	}

	@Bean
	@ConditionalOnMissingBean(LimitUsage.class)
	@ConditionalOnBean(RedisConnectionFactory.class)
	RedisLimitUsage jobsLimitUsage(RedisConnectionFactory redisConnectionFactory, JobsSettings settings) {
		return new RedisLimitUsage(redisConnectionFactory, settings.redisKeys());
	}

	@Bean
	@ConditionalOnMissingBean(JobThroughput.class)
	@ConditionalOnBean(RedisConnectionFactory.class)
	RedisJobThroughput jobsThroughput(RedisConnectionFactory redisConnectionFactory, JobsSettings settings) {
		return new RedisJobThroughput(redisConnectionFactory, settings.redisKeys());
	}

	@Bean
	@ConditionalOnMissingBean
	DashboardOperations jobsDashboardOperations(QueueInspector queues, DeadLetterQueue deadLetters,
			ResultStore results, ObjectProvider<QueuePauses> pauses, ObjectProvider<JobSearch> search,
			ObjectProvider<AuditTrail> audit, ObjectProvider<Jobs> jobs, ObjectProvider<TaskRegistry> registry,
			JobCodecs codecs, JobsSettings settings, ObjectProvider<JobConsumers> worker,
			ObjectProvider<DashboardOperations.ActionMeter> meter, ObjectProvider<ScheduleOperations> schedules,
			ObjectProvider<FailureResolutions> resolutions, ObjectProvider<InstanceRegistry> instances,
			ObjectProvider<InstanceHeartbeat> heartbeat, ObjectProvider<JobThroughput> throughput,
			ObjectProvider<RecentFlows> flows, ObjectProvider<LimitUsage> limits) {
		TaskRegistry tasks = registry.getIfAvailable();
		return new DashboardOperations(new DashboardOperations.Ports(queues, deadLetters,
				pauses.getIfAvailable(NoPauses::new),
				results, search.getIfAvailable(() -> JobSearch.NONE), audit.getIfAvailable(() -> AuditTrail.NONE),
				jobs.getIfAvailable(), tasks, codecs.mapper(), settings.workerQueueNames(),
				() -> worker.stream().anyMatch(JobConsumers::isRunning),
				MaskedArgs.of(settings.taskSettings().maskArgs(), tasks),
				meter.getIfAvailable(() -> DashboardOperations.ActionMeter.NONE), settings.dashboard().groupedEntries(),
				schedules.getIfAvailable(() -> ScheduleOperations.NONE),
				resolutions.getIfAvailable(() -> FailureResolutions.NONE),
				instances.getIfAvailable(() -> InstanceRegistry.NONE),
				heartbeat.stream().map(InstanceHeartbeat::id).findFirst().orElse(null),
				throughput.getIfAvailable(() -> JobThroughput.NONE), settings.dashboard().failuresMaxAge(),
				flows.getIfAvailable(() -> RecentFlows.NONE), limits.getIfAvailable(() -> LimitUsage.NONE)));
	}

	@Bean
	@ConditionalOnMissingBean(name = "jobsDashboardRoutes")
	RouterFunction<ServerResponse> jobsDashboardRoutes(DashboardOperations operations, JobsSettings settings) {
		ActuateSettings actuate = settings.actuate();
		return new DashboardRoutes(settings.dashboard().path(), settings.dashboard().traceUrl(), operations,
				new DashboardAccess(actuate.roles(), actuate.writeRoles(), actuate.showValues()))
			.routes();
	}

	/** No queue is paused, and none can be, without a store for pauses. */
	private static final class NoPauses implements QueuePauses {

		@Override
		public java.util.Set<String> paused() {
			return java.util.Set.of();
		}

		@Override
		public void set(String queue, boolean paused) {
			throw new UnsupportedOperationException("No store for queue pauses: queue " + queue + " is unchanged");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class DashboardMeterConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DashboardOperations.ActionMeter jobsDashboardActionMeter(MeterRegistry registry) {
			return (action) -> registry.counter("jobs.dashboard.actions", "action", action).increment();
		}

	}

}
