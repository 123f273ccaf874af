package dev.jobs.autoconfigure;

import java.time.Clock;
import java.time.Duration;

import dev.jobs.core.envelope.JobCodecs;
import dev.jobs.core.flow.BatchCoordinator;
import dev.jobs.core.flow.ChordDeadlines;
import dev.jobs.core.flow.FlowContinuation;
import dev.jobs.core.flow.FlowCoordinator;
import dev.jobs.core.flow.PlanCompiler;
import dev.jobs.core.flow.PlanJson;
import dev.jobs.core.flow.StepPublisher;
import dev.jobs.core.flow.WorkerServices;
import dev.jobs.core.flow.WorkflowClient;
import dev.jobs.core.port.BatchStore;
import dev.jobs.core.port.FlowStore;
import dev.jobs.core.observation.JobObservations;
import dev.jobs.core.port.JobPublisher;
import dev.jobs.core.port.JobRecords;
import dev.jobs.core.port.ResultStore;
import dev.jobs.core.task.TaskRegistry;
import dev.jobs.redis.flow.RedisBatchStore;
import dev.jobs.redis.flow.RedisFlowStore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Workflows and batches: their Redis stores, the producer's {@link WorkflowClient} behind
 * {@code jobs.submit} and {@code jobs.batch}, and the worker's side (the continuation that moves
 * them on, the chord-deadline task, the services lent to running jobs). Their state lives as long
 * as job records ({@code jobs.results.ttl}).
 */
@Configuration(proxyBeanMethods = false)
class WorkflowConfiguration {

	/** How often a running job's progress reports are stored at most. */
	private static final Duration PROGRESS_INTERVAL = Duration.ofMillis(250);

	@Bean
	@ConditionalOnMissingBean(FlowStore.class)
	RedisFlowStore jobsFlowStore(RedisConnectionFactory redisConnectionFactory, JobsSettings settings,
			JobCodecs codecs) {
		return new RedisFlowStore(redisConnectionFactory, settings.redisKeys(), codecs.mapper());
	}

	@Bean
	@ConditionalOnMissingBean(BatchStore.class)
	RedisBatchStore jobsBatchStore(RedisConnectionFactory redisConnectionFactory, JobsSettings settings) {
		return new RedisBatchStore(redisConnectionFactory, settings.redisKeys());
	}

	@Bean
	@ConditionalOnMissingBean
	StepPublisher jobsStepPublisher(JobPublisher publisher, ObjectProvider<JobRecords> records,
			JobsSettings settings, JobObservations observations, @Qualifier("jobsClock") ObjectProvider<Clock> jobsClock) {
		return new StepPublisher(observations.observing(publisher), records.getIfAvailable(() -> JobRecords.NONE),
				settings.publishSettings().confirmTimeout(), JobsAutoConfiguration.engineClock(jobsClock));
	}

	@Bean
	@ConditionalOnMissingBean
	PlanCompiler jobsPlanCompiler(TaskRegistry registry, JobCodecs codecs) {
		return new PlanCompiler(registry, codecs.mapper());
	}

	@Bean
	@ConditionalOnMissingBean
	FlowCoordinator jobsFlowCoordinator(FlowStore store, StepPublisher publisher, ResultStore results,
			JobCodecs codecs, JobsSettings settings, @Qualifier("jobsClock") ObjectProvider<Clock> jobsClock) {
		return new FlowCoordinator(store, new PlanJson(codecs.mapper()), publisher, results, codecs.mapper(),
				settings.resultTtl(), JobsAutoConfiguration.engineClock(jobsClock));
	}

	@Bean
	@ConditionalOnMissingBean
	BatchCoordinator jobsBatchCoordinator(BatchStore store, PlanCompiler compiler, StepPublisher publisher,
			ResultStore results, JobCodecs codecs, JobsSettings settings,
			@Qualifier("jobsClock") ObjectProvider<Clock> jobsClock) {
		return new BatchCoordinator(store, compiler, new PlanJson(codecs.mapper()), publisher, results,
				codecs.mapper(), settings.resultTtl(), JobsAutoConfiguration.engineClock(jobsClock));
	}

	@Bean
	@ConditionalOnMissingBean
	WorkflowClient jobsWorkflowClient(PlanCompiler compiler, FlowStore store, BatchStore batchStore,
			BatchCoordinator batches, StepPublisher publisher, ResultStore results, JobCodecs codecs,
			JobsSettings settings, @Qualifier("jobsClock") ObjectProvider<Clock> jobsClock) {
		return new WorkflowClient(compiler, new PlanJson(codecs.mapper()), store, batchStore, batches, publisher,
				results, codecs.mapper(), settings.resultTtl(), JobsAutoConfiguration.engineClock(jobsClock));
	}

	@Bean
	@ConditionalOnMissingBean
	ChordDeadlines jobsChordDeadlines(FlowCoordinator coordinator) {
		return new ChordDeadlines(coordinator);
	}

	@Bean
	@ConditionalOnMissingBean
	FlowContinuation jobsFlowContinuation(FlowCoordinator workflows, BatchCoordinator batches) {
		return new FlowContinuation(workflows, batches);
	}

	@Bean
	@ConditionalOnMissingBean
	WorkerServices jobsWorkerServices(ResultStore results, BatchCoordinator batches) {
		return new WorkerServices(results, batches, PROGRESS_INTERVAL, System::nanoTime);
	}

}
