package dev.jobs;

import java.util.UUID;

import dev.jobs.autoconfigure.JobsAutoConfiguration;

import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A context runner wired as an application using the starter would be, against the local
 * RabbitMQ and Redis, with a job queue and a Redis key prefix of its own so that tests never
 * see each other's jobs.
 */
public final class JobsContextRunner {

	private final String queue = "it-" + UUID.randomUUID().toString().substring(0, 8);

	/**
	 * The job queue this runner's contexts use as default and consume.
	 * @return the queue name
	 */
	public String queue() {
		return this.queue;
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
					"jobs.default-queue=" + this.queue, "jobs.redis.key-prefix=it:" + this.queue + ":",
					"jobs.worker.shutdown-timeout=5s");
	}

	/**
	 * Deletes the broker queue and this queue's dead letters.
	 */
	public void cleanUp() {
		LocalBroker.deleteJobQueue(this.queue);
		LocalBroker.purgeDeadLettersFrom(this.queue);
	}

}
