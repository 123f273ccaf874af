package dev.jobs.faults;

import java.util.List;
import java.util.UUID;

import dev.jobs.autoconfigure.JobsAutoConfiguration;

import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * One fault case's namespace on the suite's own broker ({@link FaultBroker}) and a Redis: its
 * own {@code jobs.rabbit.prefix}, queue and {@code jobs.redis.key-prefix}, shared by the test's
 * producer context and by every worker, in-process or child JVM, so that they all see the same
 * jobs and nothing else.
 *
 * @param prefix the {@code jobs.rabbit.prefix}
 * @param queue the job queue the workers consume
 * @param keyPrefix the {@code jobs.redis.key-prefix}
 * @param brokerPort the AMQP port the contexts connect to (the node's, or a proxy's in front of it)
 * @param redisPort the Redis port
 */
record FaultNamespace(String prefix, String queue, String keyPrefix, int brokerPort, int redisPort) {

	/**
	 * A fresh namespace on the suite's broker and the shared Redis on 6379, which the suite
	 * only reads and writes under its own key prefix.
	 * @return the namespace
	 */
	static FaultNamespace fresh() {
		String id = UUID.randomUUID().toString().substring(0, 8);
		return new FaultNamespace("fault-" + id, "fault-" + id, "fault:" + id + ":", FaultBroker.PORT, 6379);
	}

	/**
	 * The same namespace reached through other ports.
	 * @param brokerPort the AMQP port
	 * @param redisPort the Redis port
	 * @return the namespace
	 */
	FaultNamespace via(int brokerPort, int redisPort) {
		return new FaultNamespace(this.prefix, this.queue, this.keyPrefix, brokerPort, redisPort);
	}

	/**
	 * The properties every context of the namespace starts with.
	 * @return {@code name=value} pairs
	 */
	List<String> properties() {
		return List.of("spring.rabbitmq.host=127.0.0.1", "spring.rabbitmq.port=" + this.brokerPort,
				"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + this.redisPort,
				"jobs.default-queue=" + this.queue, "jobs.rabbit.prefix=" + this.prefix,
				"jobs.redis.key-prefix=" + this.keyPrefix, "jobs.worker.shutdown-timeout=5s",
				// Confirms are awaited briefly so that an enqueue during an outage fails fast.
				"jobs.publish.confirm-timeout=3s");
	}

	/**
	 * A producer context runner: it enqueues and reads records, runs no job.
	 * @return the runner
	 */
	ApplicationContextRunner producer() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RabbitAutoConfiguration.class, DataRedisAutoConfiguration.class,
					JobsAutoConfiguration.class))
			.withUserConfiguration(FaultTasks.Configuration.class)
			.withPropertyValues(properties().toArray(String[]::new));
	}

	/**
	 * A worker context runner that consumes the namespace's queue in this JVM.
	 * @return the runner
	 */
	ApplicationContextRunner worker() {
		return producer().withPropertyValues("jobs.worker.queues=" + this.queue);
	}

	/**
	 * The Redis key under which the fault tasks count one job's effects.
	 * @param jobKey the key the test gave the job
	 * @return the Redis key
	 */
	String effectKey(String jobKey) {
		return this.keyPrefix + "effect:" + jobKey;
	}

}
