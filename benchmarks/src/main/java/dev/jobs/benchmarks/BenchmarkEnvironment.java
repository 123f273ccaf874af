package dev.jobs.benchmarks;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.ConnectionFactory;

import dev.jobs.JobOptions;
import dev.jobs.Jobs;
import dev.jobs.autoconfigure.JobsProperties;
import dev.jobs.rabbit.JobsRabbitConnections;
import dev.jobs.rabbit.JobConsumers;
import dev.jobs.rabbit.topology.JobQueueSpec;
import dev.jobs.rabbit.topology.JobsTopology;
import dev.jobs.rabbit.topology.QueueType;
import dev.jobs.rabbit.topology.RabbitVersion;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The running application under test and everything the benchmark owns around it.
 *
 * <ol>
 * <li>Starts a Spring Boot application with the jobs auto-configuration and a worker on a job
 * queue of this run's own ({@code bench-<run>}), a second job queue that no worker consumes (the
 * sink, for producer-only measurements) and a Redis key prefix of its own
 * ({@code bench:<run>:}).</li>
 * <li>Gives the phases the {@link Jobs} front door, the tasks, a plain RabbitMQ client factory
 * configured like the starter's, and Redis.</li>
 * <li>On close, stops the application and deletes every queue and key this run created, so
 * that runs sharing a broker and a Redis with others leave nothing behind.</li>
 * </ol>
 */
final class BenchmarkEnvironment implements AutoCloseable {

	/** Longest wait for the broker to settle after a purge. */
	private static final int SETTLE_LIMIT_SECONDS = 10;

	/** The names of the broker objects: the benchmark runs with the default prefix. */
	private static final JobsTopology NAMES = new JobsTopology(JobsTopology.DEFAULT_PREFIX, QueueType.QUORUM, List::of);

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	private final String queue = "bench-" + this.run;

	private final String sinkQueue = this.queue + "-sink";

	private final String drainQueue = this.queue + "-drain";

	private final String keyPrefix = "bench:" + this.run + ":";

	private final BenchmarkOptions options;

	private ConfigurableApplicationContext context;

	private BrokerAdmin admin;

	private RunKeys keys;

	BenchmarkEnvironment(BenchmarkOptions options) {
		this.options = options;
	}

	/**
	 * Starts the application and opens an administrative broker connection.
	 * @return this environment
	 */
	BenchmarkEnvironment start() throws IOException, TimeoutException {
		SpringApplication application = new SpringApplication(BenchmarkConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		application.setLogStartupInfo(false);
		application.setDefaultProperties(applicationProperties());
		this.context = application.run(this.options.springArgs().toArray(String[]::new));
		this.keys = new RunKeys(new StringRedisTemplate(this.context.getBean(RedisConnectionFactory.class)),
				this.keyPrefix);
		this.admin = new BrokerAdmin(rabbitFactory());
		this.admin.own(NAMES.queueName(this.queue));
		this.admin.own(NAMES.queueName(this.sinkQueue));
		this.admin.own(NAMES.queueName(this.drainQueue));
		return this;
	}

	/**
	 * What every application of the benchmark is given, in this JVM and in a drain worker's.
	 * @return default properties
	 */
	static Map<String, Object> sharedProperties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.rabbitmq.host", "127.0.0.1");
		properties.put("spring.data.redis.host", "127.0.0.1");
		properties.put("spring.data.redis.repositories.enabled", "false");
		properties.put("logging.level.root", "WARN");
		// A safety net only: every round deletes its keys, and so does close().
		properties.put("jobs.results.ttl", "1h");
		properties.put("jobs.worker.shutdown-timeout", "5s");
		return properties;
	}

	private Map<String, Object> applicationProperties() {
		Map<String, Object> properties = sharedProperties();
		properties.put("jobs.default-queue", this.queue);
		properties.put("jobs.worker.queues", this.queue);
		properties.put("jobs.queues." + this.queue + ".concurrency", this.options.concurrency());
		properties.put("jobs.queues." + this.queue + ".prefetch", this.options.prefetch());
		properties.put("jobs.queues." + this.sinkQueue + ".concurrency", 1);
		// Declared here, consumed only by the drain phase's worker process; its settings are the
		// starter's defaults unless --drain-concurrency and --drain-prefetch say otherwise.
		properties.put("jobs.queues." + this.drainQueue + ".type", "quorum");
		properties.put("jobs.redis.key-prefix", this.keyPrefix);
		properties.putAll(this.options.feature().properties());
		return properties;
	}

	/**
	 * The front door, enqueueing to the worker's queue.
	 * @return the jobs
	 */
	Jobs jobs() {
		return this.context.getBean(Jobs.class);
	}

	/**
	 * The front door, enqueueing to the sink queue no worker consumes.
	 * @return the jobs
	 */
	Jobs sinkJobs() {
		return jobs().with(sinkOptions());
	}

	/**
	 * Options that send a job to the sink queue.
	 * @return the options
	 */
	JobOptions sinkOptions() {
		return JobOptions.defaults().queue(this.sinkQueue);
	}

	BenchTasks tasks() {
		return this.context.getBean(BenchTasks.class);
	}

	/**
	 * The job queue the worker consumes.
	 * @return its name
	 */
	String queue() {
		return this.queue;
	}

	/**
	 * The job queue that only the drain phase's worker process consumes.
	 * @return its name
	 */
	String drainQueue() {
		return this.drainQueue;
	}

	/**
	 * The broker queue of a job queue.
	 * @param jobQueue the job queue name
	 * @return the broker queue name
	 */
	static String brokerQueue(String jobQueue) {
		return NAMES.queueName(jobQueue);
	}

	/**
	 * The run's Redis key prefix.
	 * @return the prefix
	 */
	String keyPrefix() {
		return this.keyPrefix;
	}

	/**
	 * Stops the worker: jobs stay queued until {@link #startWorker()}.
	 */
	void stopWorker() {
		this.context.getBean(JobConsumers.class).stop();
	}

	/**
	 * Starts the worker again.
	 */
	void startWorker() {
		this.context.getBean(JobConsumers.class).start();
	}

	/**
	 * The run's Redis keys.
	 * @return the keys
	 */
	RunKeys keys() {
		return this.keys;
	}

	/**
	 * The run's own plain-client access to the broker.
	 * @return the admin
	 */
	BrokerAdmin admin() {
		return this.admin;
	}

	/**
	 * A plain RabbitMQ client factory with the settings Spring Boot gave the starter's own.
	 * @return a new factory
	 */
	ConnectionFactory rabbitFactory() {
		return this.context.getBean(JobsRabbitConnections.class).publisher().getRabbitConnectionFactory().clone();
	}

	/**
	 * The broker queue arguments the starter declares for a job queue of the given name with
	 * the worker queue's settings, taken from the starter's topology so that a raw queue is
	 * declared exactly like a job queue.
	 * @param jobQueue the job queue name
	 * @return the broker queue name and its arguments
	 */
	BrokerQueue brokerQueueLikeWorkerQueue(String jobQueue) {
		JobsProperties.QueueProperties settings = this.context.getBean(JobsProperties.class)
			.getQueues()
			.get(this.queue);
		JobQueueSpec spec = new JobQueueSpec(jobQueue, settings.getType(), settings.getDeliveryLimit(),
				settings.getMaxPriority());
		String name = NAMES.queueName(jobQueue);
		return new JobsTopology(JobsTopology.DEFAULT_PREFIX, QueueType.QUORUM, () -> List.of(spec)).declarables(new RabbitVersion(3, 10))
			.stream()
			.filter((declarable) -> declarable instanceof org.springframework.amqp.core.Queue queue
					&& queue.getName().equals(name))
			.map((declarable) -> (org.springframework.amqp.core.Queue) declarable)
			.map((queue) -> new BrokerQueue(queue.getName(), new HashMap<>(queue.getArguments())))
			.findFirst()
			.orElseThrow();
	}

	/**
	 * A job queue name of this run's own, for queues the benchmark declares itself.
	 * @param suffix what tells it apart
	 * @return the job queue name
	 */
	String ownJobQueue(String suffix) {
		String name = this.queue + "-" + suffix;
		this.admin.own(NAMES.queueName(name));
		return name;
	}

	/**
	 * A real job message, exactly as the starter publishes it for {@link BenchTasks#noop(long)}:
	 * one job is enqueued to the sink queue and taken off it again with the plain client.
	 * @param sequence the job's argument
	 * @return the message's properties and body
	 */
	BrokerAdmin.SampleMessage sampleMessage(long sequence) throws IOException, TimeoutException {
		sinkJobs().enqueue(BenchTasks::noop, sequence);
		return this.admin.take(NAMES.queueName(this.sinkQueue));
	}

	/**
	 * Empties a job queue's broker queue, and waits for the broker to settle after it (see
	 * {@link BrokerSettling}), at most {@value #SETTLE_LIMIT_SECONDS} seconds.
	 * @param jobQueue the job queue name
	 */
	void purge(String jobQueue) throws IOException {
		this.admin.purge(NAMES.queueName(jobQueue));
		try {
			BrokerSettling.await(Duration.ofSeconds(SETTLE_LIMIT_SECONDS));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while waiting for RabbitMQ to settle after a purge", ex);
		}
	}

	/**
	 * Empties the sink queue.
	 */
	void purgeSink() throws IOException {
		purge(this.sinkQueue);
	}

	/**
	 * Deletes every Redis key of this run.
	 */
	void deleteKeys() {
		this.keys.deleteAll();
	}

	@Override
	public void close() {
		try {
			if (this.context != null && this.context.isActive()) {
				// No job may write a key after the keys are deleted.
				this.context.getBean(JobConsumers.class).stop();
				this.keys.deleteAll();
			}
		}
		catch (RuntimeException ex) {
			System.err.println("Could not delete the Redis keys under " + this.keyPrefix + ": " + ex);
		}
		finally {
			if (this.context != null) {
				this.context.close();
			}
			if (this.admin != null) {
				this.admin.close();
			}
		}
	}

	/**
	 * A broker queue as the starter would declare it.
	 *
	 * @param name the broker queue name
	 * @param arguments its x-arguments
	 */
	record BrokerQueue(String name, Map<String, Object> arguments) {

	}

}
