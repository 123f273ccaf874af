package dev.jobs.test;

import dev.jobs.autoconfigure.JobsAutoConfiguration;
import dev.jobs.core.envelope.JobCodecs;
import dev.jobs.core.execution.JobWorker;
import dev.jobs.core.task.TaskRegistry;
import dev.jobs.test.memory.InMemoryBatchStore;
import dev.jobs.test.memory.InMemoryCancellations;
import dev.jobs.test.memory.InMemoryCircuitBreakers;
import dev.jobs.test.memory.InMemoryConcurrencyLimiter;
import dev.jobs.test.memory.InMemoryCrashCounter;
import dev.jobs.test.memory.InMemoryFlowStore;
import dev.jobs.test.memory.InMemoryIdempotencyStore;
import dev.jobs.test.memory.InMemoryJobBroker;
import dev.jobs.test.memory.InMemoryLockStore;
import dev.jobs.test.memory.InMemoryQueuePauses;
import dev.jobs.test.memory.InMemoryRateLimiter;
import dev.jobs.test.memory.InMemoryResultStore;
import dev.jobs.test.memory.InMemoryScheduleStore;
import dev.jobs.test.memory.InMemoryStores;
import dev.jobs.test.memory.InMemoryUniqueKeys;
import dev.jobs.test.memory.UnsupportedOperations;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Test mode's wiring, imported by {@link AutoConfigureJobs} only (it is not in the
 * auto-configuration imports: having this module on the classpath changes nothing). It runs
 * before {@link JobsAutoConfiguration} and defines an in-memory implementation of every port
 * that RabbitMQ and Redis implement in production, and the {@code jobsClock}; the starter's own
 * beans back off from these ({@code @ConditionalOnMissingBean}), and its RabbitMQ consumers
 * back off from a replaced {@code JobPublisher}, so that nothing connects to a broker or a store.
 */
@AutoConfiguration(before = JobsAutoConfiguration.class)
public final class JobsTestAutoConfiguration {

	/**
	 * The engine's clock. Not a default candidate, so that an application's own {@code Clock}
	 * bean stays the one injected by type; the engine asks for it by name.
	 */
	@Bean(defaultCandidate = false)
	VirtualClock jobsClock() {
		return VirtualClock.startingNow();
	}

	@Bean
	InMemoryStores jobsTestStores(@Qualifier("jobsClock") VirtualClock jobsClock) {
		return new InMemoryStores(jobsClock);
	}

	@Bean
	InMemoryJobBroker jobsTestBroker(JobCodecs codecs) {
		return new InMemoryJobBroker(codecs.envelopes());
	}

	@Bean
	InMemoryResultStore jobsTestResultStore(InMemoryStores stores) {
		return stores.results();
	}

	@Bean
	InMemoryIdempotencyStore jobsTestIdempotencyStore(InMemoryStores stores) {
		return stores.idempotency();
	}

	@Bean
	InMemoryLockStore jobsTestLockStore(InMemoryStores stores) {
		return stores.locks();
	}

	@Bean
	InMemoryUniqueKeys jobsTestUniqueKeys(InMemoryStores stores) {
		return stores.uniqueKeys();
	}

	@Bean
	InMemoryConcurrencyLimiter jobsTestConcurrencyLimiter(InMemoryStores stores) {
		return stores.concurrency();
	}

	@Bean
	InMemoryRateLimiter jobsTestRateLimiter(InMemoryStores stores) {
		return stores.rateLimiter();
	}

	@Bean
	InMemoryCancellations jobsTestCancellations(InMemoryStores stores) {
		return stores.cancellations();
	}

	@Bean
	InMemoryCrashCounter jobsTestCrashCounter(InMemoryStores stores) {
		return stores.crashes();
	}

	@Bean
	InMemoryCircuitBreakers jobsTestCircuitBreakers() {
		return new InMemoryCircuitBreakers();
	}

	@Bean
	InMemoryQueuePauses jobsTestQueuePauses(InMemoryStores stores) {
		return stores.queuePauses();
	}

	@Bean
	InMemoryScheduleStore jobsTestScheduleStore(InMemoryStores stores) {
		return stores.schedules();
	}

	@Bean
	InMemoryFlowStore jobsTestFlowStore(InMemoryStores stores) {
		return stores.flows();
	}

	@Bean
	InMemoryBatchStore jobsTestBatchStore(InMemoryStores stores) {
		return stores.batches();
	}

	/**
	 * Queue depths and the dead-letter queue, which only a broker has: instead of the RabbitMQ
	 * ones (which {@code JobsOperationsAutoConfiguration} would make), one that says so.
	 */
	@Bean
	UnsupportedOperations jobsTestOperations() {
		return new UnsupportedOperations();
	}

	@Bean
	JobsTestHarness jobsTestHarness(Environment environment, InMemoryJobBroker broker,
			@Qualifier("jobsClock") VirtualClock jobsClock, ObjectProvider<JobWorker> worker, TaskRegistry registry,
			JobCodecs codecs, InMemoryStores stores) {
		return new JobsTestHarness(mode(environment),
				new JobsTestHarness.Parts(broker, jobsClock, () -> worker.getIfAvailable(() -> {
					throw new IllegalStateException(NO_WORKER);
				}), registry, codecs.mapper()),
				stores::clear);
	}

	/**
	 * Fails start-up in {@code INLINE} mode where there is no worker to run the jobs, rather
	 * than at the first enqueue.
	 */
	@Bean
	SmartInitializingSingleton jobsTestWorkerCheck(Environment environment, ObjectProvider<JobWorker> worker) {
		return () -> {
			if (mode(environment) == JobsTestMode.INLINE && worker.getIfAvailable() == null) {
				throw new IllegalStateException(NO_WORKER);
			}
		};
	}

	private static final String NO_WORKER = "@AutoConfigureJobs runs jobs through the starter's worker, which is"
			+ " created only where jobs.worker.queues names a queue, and it names none here. Set it for the test,"
			+ " e.g. @SpringBootTest(properties = \"jobs.worker.queues=default\") (in test mode the worker runs"
			+ " the jobs of every queue), or use @AutoConfigureJobs(mode = CAPTURE) to only record enqueues.";

	private static JobsTestMode mode(Environment environment) {
		return Binder.get(environment).bind("jobs.test.mode", JobsTestMode.class).orElse(JobsTestMode.INLINE);
	}

}
