package dev.jobs.autoconfigure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import dev.jobs.JobFailureListener;
import dev.jobs.Jobs;
import dev.jobs.TaskUpcaster;
import dev.jobs.core.cancel.CancelledJobs;
import dev.jobs.core.client.JobCanceller;
import dev.jobs.core.client.JobEnqueuer;
import dev.jobs.core.envelope.JobCodecs;
import dev.jobs.core.execution.FailureListeners;
import dev.jobs.core.execution.JobExecutor;
import dev.jobs.core.execution.JobGuard;
import dev.jobs.core.execution.JobWorker;
import dev.jobs.core.execution.RunningJobs;
import dev.jobs.core.execution.TimeLimits;
import dev.jobs.core.flow.FlowContinuation;
import dev.jobs.core.flow.WorkerServices;
import dev.jobs.core.flow.WorkflowClient;
import dev.jobs.core.guard.ExpiryGuard;
import dev.jobs.core.lease.LeaseKeeper;
import dev.jobs.core.lock.StoreJobLocks;
import dev.jobs.core.pause.QueuePauseWatcher;
import dev.jobs.core.port.Cancellations;
import dev.jobs.core.port.CircuitBreakers;
import dev.jobs.core.port.ConcurrencyLimiter;
import dev.jobs.core.port.CrashCounter;
import dev.jobs.core.port.DeadLetterPublisher;
import dev.jobs.core.port.IdempotencyStore;
import dev.jobs.core.port.JobObserver;
import dev.jobs.core.observation.JobObservations;
import dev.jobs.core.outbox.OutboxRelay;
import dev.jobs.core.port.JobPublisher;
import dev.jobs.core.port.JobRecords;
import dev.jobs.core.port.QueuePauses;
import dev.jobs.core.port.RateLimiter;
import dev.jobs.core.port.ResultStore;
import dev.jobs.core.port.ScheduleStore;
import dev.jobs.core.schedule.EnqueuerSlotEnqueue;
import dev.jobs.core.schedule.ScheduledTaskMethods;
import dev.jobs.core.schedule.Scheduling;
import dev.jobs.core.schedule.SlotEnqueue;
import dev.jobs.core.task.BackgroundTaskScanner;
import dev.jobs.core.task.TaskDefinition;
import dev.jobs.core.task.TaskInvoker;
import dev.jobs.core.task.TaskRegistry;
import dev.jobs.core.task.VoidTaskInterceptor;
import dev.jobs.core.task.VoidTaskProxyPostProcessor;
import dev.jobs.core.unique.UniqueClaims;
import dev.jobs.core.version.TaskVersions;
import dev.jobs.rabbit.JobConsumers;
import dev.jobs.rabbit.JobsRabbitConnections;
import dev.jobs.rabbit.RabbitJobPublisher;
import dev.jobs.rabbit.deadletter.RabbitDeadLetterPublisher;
import dev.jobs.rabbit.topology.JobsTopology;
import dev.jobs.rabbit.topology.TopologyDeclarer;
import dev.jobs.redis.RedisResultStore;
import dev.jobs.redis.ReplicaAcks;
import dev.jobs.redis.schedule.RedisScheduleStore;

import org.springframework.amqp.rabbit.connection.AbstractConnectionFactory.AddressShuffleMode;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.RabbitConnectionFactoryBean;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.amqp.autoconfigure.CachingConnectionFactoryConfigurer;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionFactoryBeanConfigurer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Auto-configuration of background jobs: wiring only. Tasks are collected as beans are created;
 * the producer side (the {@link Jobs} front door, the publisher, the result store) is always
 * there; the worker side starts only when {@code jobs.worker.queues} names a queue. Every bean
 * backs off when the application defines its own.
 */
@AutoConfiguration(after = { RabbitAutoConfiguration.class, DataRedisAutoConfiguration.class })
@ConditionalOnClass({ RabbitTemplate.class, RedisConnectionFactory.class })
@EnableConfigurationProperties(JobsProperties.class)
@Import({ ExactlyOnceConfiguration.class, WorkflowConfiguration.class, RedisClientConfiguration.class })
public final class JobsAutoConfiguration {

	/**
	 * The clock the engine's times come from (enqueue times, delays, retry backoff, expiry,
	 * schedule slots): the {@code Clock} bean named {@code jobsClock} where there is one (a
	 * test's virtual clock), else the system's. Only by name, so that an application's own
	 * {@code Clock} bean is never taken for it.
	 * @param jobsClock the bean named {@code jobsClock}, if any
	 * @return the clock
	 */
	static Clock engineClock(ObjectProvider<Clock> jobsClock) {
		return jobsClock.getIfAvailable(Clock::systemUTC);
	}

	@Configuration(proxyBeanMethods = false)
	static class TaskConfiguration {

		/**
		 * The settings, converted and validated once. Bound from the environment rather than
		 * from the properties bean because the post-processors need them before ordinary beans
		 * exist.
		 */
		@Bean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static JobsSettings jobsSettings(Environment environment) {
			TaskPropertiesVerifier.requireBracketedNames(environment);
			return new JobsSettings(Binder.get(environment).bindOrCreate("jobs", JobsProperties.class));
		}

		@Bean
		@ConditionalOnMissingBean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static JobCodecs jobsCodecs(JobsSettings jobsSettings) {
			return JobCodecs.create(jobsSettings.maxMessageSize());
		}

		@Bean
		@ConditionalOnMissingBean
		@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
		static TaskRegistry jobsTaskRegistry(JobsSettings jobsSettings) {
			return new TaskRegistry(jobsSettings.configuredTaskQueues());
		}

		@Bean
		static BackgroundTaskScanner jobsTaskScanner(JobsSettings jobsSettings, TaskRegistry jobsTaskRegistry,
				JobCodecs jobsCodecs) {
			return new BackgroundTaskScanner(jobsTaskRegistry, jobsCodecs.mapper(), jobsSettings.taskSettings());
		}

		@Bean
		@ConditionalOnMissingBean
		TaskVersions jobsTaskVersions(JobsSettings jobsSettings, JobCodecs jobsCodecs,
				ObjectProvider<TaskUpcaster> upcasters) {
			return new TaskVersions(upcasters.orderedStream().toList(), jobsCodecs.mapper(),
					jobsSettings.versionSettings());
		}

		/** Start-up fails while a task's version rises without upcasters from the versions kept. */
		@Bean
		SmartInitializingSingleton jobsTaskVersionsVerifier(TaskVersions jobsTaskVersions,
				TaskRegistry jobsTaskRegistry) {
			return () -> jobsTaskVersions.verify(jobsTaskRegistry.localTasks());
		}

		@Bean
		TaskPropertiesVerifier jobsTaskPropertiesVerifier(JobsSettings jobsSettings, TaskRegistry jobsTaskRegistry) {
			return new TaskPropertiesVerifier(jobsSettings.tasksWithoutQueue(), jobsTaskRegistry);
		}

		/**
		 * Observations of enqueues and runs through the application's registry (Spring Boot
		 * defines one with Actuator; without one, nothing is observed and no trace travels).
		 */
		@Bean
		@ConditionalOnMissingBean
		JobObservations jobsObservations(ObjectProvider<ObservationRegistry> registry) {
			return JobObservations.of(registry.getIfUnique(() -> ObservationRegistry.NOOP));
		}

		@Bean
		static VoidTaskProxyPostProcessor jobsVoidTaskProxyPostProcessor(TaskRegistry jobsTaskRegistry,
				ObjectProvider<Jobs> jobs) {
			return new VoidTaskProxyPostProcessor(new VoidTaskInterceptor(jobsTaskRegistry,
					(TaskDefinition task, Object[] args) -> jobs.getObject().enqueue(task.name(), args)));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ProducerConfiguration {

		private static final String ADDRESS_SHUFFLE_MODE = "spring.rabbitmq.address-shuffle-mode";

		@Bean
		@ConditionalOnMissingBean
		JobsRabbitConnections jobsRabbitConnections(ObjectProvider<RabbitConnectionFactoryBeanConfigurer> beanConfigurer,
				ObjectProvider<CachingConnectionFactoryConfigurer> factoryConfigurer, Environment environment)
				throws Exception {
			boolean shuffle = !Binder.get(environment).bind(ADDRESS_SHUFFLE_MODE, AddressShuffleMode.class).isBound();
			return new JobsRabbitConnections(
					connectionFactory(beanConfigurer.getObject(), factoryConfigurer.getObject(), shuffle),
					connectionFactory(beanConfigurer.getObject(), factoryConfigurer.getObject(), shuffle),
					Threading.VIRTUAL.isActive(environment));
		}

		/**
		 * Boot connects to {@code spring.rabbitmq.addresses} in the order listed, so every
		 * instance would hold its connections on the first node, and (with client-local leaders)
		 * that node would hold every queue leader too. Unless the application chose a mode, the
		 * starter's own connections pick a node at random each time they connect.
		 */
		private static CachingConnectionFactory connectionFactory(RabbitConnectionFactoryBeanConfigurer beanConfigurer,
				CachingConnectionFactoryConfigurer factoryConfigurer, boolean shuffle) throws Exception {
			RabbitConnectionFactoryBean factoryBean = new RabbitConnectionFactoryBean();
			beanConfigurer.configure(factoryBean);
			factoryBean.afterPropertiesSet();
			CachingConnectionFactory factory = new CachingConnectionFactory(factoryBean.getObject());
			factoryConfigurer.configure(factory);
			if (shuffle) {
				factory.setAddressShuffleMode(AddressShuffleMode.RANDOM);
			}
			return factory;
		}

		@Bean
		@ConditionalOnMissingBean
		JobsTopology jobsTopology(JobsSettings settings, TaskRegistry registry) {
			return new JobsTopology(settings.rabbitPrefix(), settings.delayQueueType(),
					() -> settings.queueSpecs(registry.localTasks().stream().map(TaskDefinition::queue).toList()));
		}

		@Bean
		@ConditionalOnMissingBean
		TopologyDeclarer jobsTopologyDeclarer(JobsRabbitConnections connections, JobsTopology topology) {
			TopologyDeclarer declarer = new TopologyDeclarer(connections.publisher(), topology);
			connections.worker().addConnectionListener(declarer);
			return declarer;
		}

		@Bean
		@ConditionalOnMissingBean(JobPublisher.class)
		RabbitJobPublisher jobsPublisher(JobsRabbitConnections connections, JobCodecs codecs, JobsTopology topology,
				TopologyDeclarer topologyDeclarer, JobsSettings settings) {
			return new RabbitJobPublisher(connections.publisher(), codecs.envelopes(), topology, Clock.systemUTC(),
					settings.publishSettings().confirmTimeout());
		}

		@Bean
		@ConditionalOnMissingBean(ResultStore.class)
		RedisResultStore jobsResultStore(RedisConnectionFactory redisConnectionFactory, JobsSettings settings,
				JobCodecs codecs, ReplicaAcks replicaAcks) {
			return new RedisResultStore(redisConnectionFactory, settings.redisKeys(), codecs.mapper(),
					settings.resultTtl(), settings.startedAfter(), replicaAcks);
		}

		@Bean
		@ConditionalOnMissingBean(Jobs.class)
		JobEnqueuer jobs(TaskRegistry registry, JobPublisher publisher, ResultStore results, JobCodecs codecs,
				JobsSettings settings, ObjectProvider<JobRecords> records, ObjectProvider<JobObserver> observers,
				UniqueClaims uniqueClaims, WorkflowClient workflows, JobCanceller canceller,
				JobObservations observations, ObjectProvider<OutboxRelay> outboxRelay, ResourceLoader resourceLoader,
				@Qualifier("jobsClock") ObjectProvider<Clock> jobsClock) {
			JobEnqueuer jobs = new JobEnqueuer(registry, observations.observing(publisher), results, codecs.mapper(),
					settings.publishSettings(),
					records.getIfAvailable(() -> JobRecords.NONE), JobObserver.all(observers.orderedStream().toList()),
					engineClock(jobsClock), uniqueClaims, workflows, canceller);
			OutboxRelay relay = OutboxRequirements.check(settings, outboxRelay.getIfAvailable(),
					resourceLoader.getClassLoader());
			return (relay != null) ? jobs.withOutbox(relay) : jobs;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ScheduleConfiguration {

		@Bean
		static ScheduledProcessorReplacement jobsScheduledProcessorReplacement() {
			return new ScheduledProcessorReplacement();
		}

		@Bean
		@ConditionalOnMissingBean(ScheduleStore.class)
		RedisScheduleStore jobsScheduleStore(RedisConnectionFactory redisConnectionFactory, JobsSettings settings,
				ReplicaAcks replicaAcks) {
			return new RedisScheduleStore(redisConnectionFactory, settings.redisKeys(), replicaAcks);
		}

		/**
		 * The schedules. Their slots are due by the {@linkplain #engineClock engine's clock}.
		 */
		@Bean
		@ConditionalOnMissingBean
		Scheduling jobsScheduling(JobsSettings settings, TaskRegistry registry, ScheduleStore store,
				ResultStore results, ObjectProvider<JobEnqueuer> jobs,
				@Qualifier("jobsClock") ObjectProvider<Clock> jobsClock, Environment environment) {
			SlotEnqueue enqueue = (schedule, jobId, at) -> new EnqueuerSlotEnqueue(jobs.getIfAvailable(() -> {
				throw new IllegalStateException("Schedule '" + schedule.name() + "' needs the starter's own Jobs"
						+ " bean to enqueue its jobs; the application replaced it");
			})).enqueue(schedule, jobId, at);
			return new Scheduling(settings::configuredSchedules,
					new ScheduledTaskMethods(environment::resolvePlaceholders), registry,
					new Scheduling.Parts(store, results, enqueue, engineClock(jobsClock)));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(OnWorkerQueuesCondition.class)
	static class WorkerConfiguration {

		@Bean
		@ConditionalOnMissingBean(DeadLetterPublisher.class)
		RabbitDeadLetterPublisher jobsDeadLetterPublisher(JobsRabbitConnections connections, JobsTopology topology,
				JobsSettings settings) {
			return new RabbitDeadLetterPublisher(connections.newTemplate(), topology,
					settings.publishSettings().confirmTimeout());
		}

		@Bean
		ExactlyOnceParts jobsExactlyOnceParts(UniqueClaims uniqueClaims, IdempotencyStore idempotency,
				LeaseKeeper leases, StoreJobLocks locks, RateLimiter rateLimiter, ConcurrencyLimiter concurrency,
				CancelledJobs cancelled, CrashCounter crashes, CircuitBreakers breakers) {
			return new ExactlyOnceParts(uniqueClaims, idempotency, leases, locks, rateLimiter, concurrency,
					cancelled, crashes, breakers);
		}

		@Bean
		@ConditionalOnMissingBean
		CancelledJobs jobsCancelledJobs(Cancellations cancellations, RunningJobs runningJobs) {
			CancelledJobs cancelled = new CancelledJobs(cancellations, runningJobs);
			cancelled.start();
			return cancelled;
		}

		@Bean
		@ConditionalOnMissingBean
		RunningJobs jobsRunningJobs() {
			return new RunningJobs();
		}

		@Bean
		@ConditionalOnMissingBean
		TimeLimits jobsTimeLimits(JobsSettings settings, RunningJobs runningJobs) {
			return settings.timeLimits(runningJobs);
		}

		@Bean
		@ConditionalOnMissingBean
		JobWorker jobsWorker(JobCodecs codecs, TaskRegistry registry, ResultStore results,
				DeadLetterPublisher deadLetters, JobPublisher publisher, JobsSettings settings,
				RunningJobs runningJobs, TimeLimits timeLimits, ObjectProvider<JobGuard> guards,
				ObjectProvider<JobFailureListener> failureListeners, ObjectProvider<JobObserver> observers,
				ExactlyOnceParts exactlyOnce, WorkerServices services, FlowContinuation continuation,
				JobObservations observations, TaskVersions versions,
				@Qualifier("jobsClock") ObjectProvider<Clock> jobsClock) {
			Clock clock = engineClock(jobsClock);
			List<JobGuard> pipeline = new ArrayList<>(exactlyOnce.guardsAround(new ExpiryGuard(), settings));
			guards.orderedStream().forEach(pipeline::add);
			JobExecutor executor = new JobExecutor(codecs.envelopes(), registry, new TaskInvoker(), results, pipeline,
					runningJobs, clock, services, settings.retryPolicies(), timeLimits, observations, versions);
			return new JobWorker(executor,
					new JobWorker.Ports(results, deadLetters, publisher, settings.publishSettings().confirmTimeout(),
							settings.settleRetryPause(),
							new FailureListeners(failureListeners.orderedStream().toList()),
							JobObserver.all(observers.orderedStream().toList())),
					clock, continuation);
		}

		/**
		 * The RabbitMQ consumers and what pauses them. They take jobs from RabbitMQ only where
		 * jobs are published there: an application that replaces the {@link JobPublisher} (a
		 * test through {@code jobs-spring-boot-test}) carries its jobs elsewhere and hands them
		 * to the {@link JobWorker} itself, so that nothing connects to a broker at start-up.
		 */
		@Configuration(proxyBeanMethods = false)
		@ConditionalOnMissingBean(value = JobPublisher.class, ignored = RabbitJobPublisher.class)
		static class RabbitConsumerConfiguration {

			@Bean
			@ConditionalOnMissingBean
			QueuePauseWatcher jobsQueuePauseWatcher(QueuePauses pauses, JobsSettings settings,
					JobConsumers consumers) {
				QueuePauseWatcher watcher = new QueuePauseWatcher(pauses, settings.workerQueueNames(),
						consumers::paused);
				watcher.start();
				return watcher;
			}

			@Bean
			@ConditionalOnMissingBean
			JobConsumers jobsConsumers(JobsRabbitConnections connections, JobsTopology topology,
					JobsSettings settings, JobWorker worker, RunningJobs runningJobs, TopologyDeclarer topologyDeclarer,
					Environment environment, TaskRegistry registry, TimeLimits timeLimits) {
				return new JobConsumers(connections.worker(), topology, settings.workerQueues(), worker,
						settings.workerSettings(Threading.VIRTUAL.isActive(environment)), runningJobs,
						settings.consumerTimeouts(registry, timeLimits));
			}

		}

	}

}
