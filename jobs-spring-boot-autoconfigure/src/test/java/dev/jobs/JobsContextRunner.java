package dev.jobs;

import java.util.List;
import java.util.UUID;

import dev.jobs.autoconfigure.JobsAutoConfiguration;
import dev.jobs.rabbit.topology.JobsTopology;
import dev.jobs.rabbit.topology.QueueType;

import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A context runner wired as an application using the starter would be, against the local
 * RabbitMQ and Redis, in a namespace of its own: its own {@code jobs.rabbit.prefix} (so its own
 * exchange, job queues, delay levels and dead-letter queue) and its own
 * {@code jobs.redis.key-prefix}, so that a test never sees another test's jobs, nor anything
 * else on the broker or in Redis.
 */
public final class JobsContextRunner {

	private final String id = UUID.randomUUID().toString().substring(0, 8);

	private final String queue = "it-" + this.id;

	private final JobsTopology topology = new JobsTopology("it-" + this.id, QueueType.QUORUM, List::of);

	/**
	 * The job queue this runner's contexts use as default and consume.
	 * @return the queue name
	 */
	public String queue() {
		return this.queue;
	}

	/**
	 * The names of this runner's broker objects.
	 * @return a topology with this runner's prefix, declaring no job queue of its own
	 */
	public JobsTopology topology() {
		return this.topology;
	}

	/**
	 * The broker queue of this runner's job queue.
	 * @return the broker queue name
	 */
	public String brokerQueue() {
		return this.topology.queueName(this.queue);
	}

	/**
	 * Every dead letter in this runner's dead-letter queue, left in place.
	 * @return the letters
	 */
	public List<LocalBroker.Letter> deadLetters() {
		return LocalBroker.deadLetters(this.topology.deadLetterQueue());
	}

	/**
	 * The Redis key prefix of this runner's contexts.
	 * @return the key prefix
	 */
	public String keyPrefix() {
		return "it:" + this.id + ":";
	}

	/**
	 * A runner with the Rabbit, Redis and jobs auto-configurations and this runner's queue.
	 * @return the runner
	 */
	public ApplicationContextRunner worker() {
		return producer().withPropertyValues("jobs.worker.queues=" + this.queue);
	}

	/**
	 * The same without a worker.
	 * @return the runner
	 */
	public ApplicationContextRunner producer() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RabbitAutoConfiguration.class, DataRedisAutoConfiguration.class,
					JobsAutoConfiguration.class))
			.withPropertyValues("spring.rabbitmq.host=127.0.0.1", "spring.data.redis.host=127.0.0.1",
					"jobs.default-queue=" + this.queue, "jobs.rabbit.prefix=" + this.topology.prefix(),
					"jobs.redis.key-prefix=" + keyPrefix(), "jobs.worker.shutdown-timeout=5s");
	}

	/**
	 * Deletes every queue and exchange of this runner's namespace.
	 */
	public void cleanUp() {
		LocalBroker.deleteNamespace(this.topology.prefix());
	}

}
