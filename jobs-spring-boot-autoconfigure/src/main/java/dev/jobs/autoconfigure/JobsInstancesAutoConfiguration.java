package dev.jobs.autoconfigure;

import java.time.Clock;
import java.util.List;

import dev.jobs.core.envelope.JobCodecs;
import dev.jobs.core.execution.RunningJobs;
import dev.jobs.core.instance.InstanceHeartbeat;
import dev.jobs.core.port.InstanceRegistry;
import dev.jobs.rabbit.JobConsumers;
import dev.jobs.redis.instance.RedisInstanceRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Auto-configuration of the instance registry: every instance with Redis reports itself there
 * ({@code jobs.instances.heartbeat-interval}), whether or not it serves the dashboard, so that a
 * dashboard on any instance lists the workers that serve none.
 */
@AutoConfiguration(after = JobsAutoConfiguration.class)
@ConditionalOnBean({ JobsSettings.class, RedisConnectionFactory.class })
public final class JobsInstancesAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(InstanceRegistry.class)
	RedisInstanceRegistry jobsInstanceRegistry(RedisConnectionFactory redisConnectionFactory, JobsSettings settings,
			JobCodecs codecs) {
		return new RedisInstanceRegistry(redisConnectionFactory, settings.redisKeys(), codecs.mapper());
	}

	/**
	 * The heartbeat. Its times are the system's, never a test's virtual clock: a report's time to
	 * live runs in Redis, in real time.
	 */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(InstanceRegistry.class)
	InstanceHeartbeat jobsInstanceHeartbeat(InstanceRegistry registry, JobsSettings settings,
			ObjectProvider<JobConsumers> worker, ObjectProvider<RunningJobs> runningJobs) {
		List<String> queues = settings.workerQueueNames();
		return new InstanceHeartbeat(registry, settings.heartbeatInterval(), () -> {
			RunningJobs running = runningJobs.getIfAvailable();
			return new InstanceHeartbeat.State(queues, worker.stream().anyMatch(JobConsumers::isRunning),
					(running != null) ? running.list().size() : 0, (running != null) ? running.stuck() : 0);
		}, Clock.systemUTC());
	}

}
