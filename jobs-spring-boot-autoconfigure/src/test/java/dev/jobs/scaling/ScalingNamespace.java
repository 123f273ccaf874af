package dev.jobs.scaling;

import java.util.List;
import java.util.UUID;

import dev.jobs.autoconfigure.JobsAutoConfiguration;
import dev.jobs.core.port.EnqueuedJob;
import dev.jobs.core.port.JobObserver;

import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * One case's application, as its instances are configured: its own {@code jobs.rabbit.prefix},
 * {@code jobs.redis.key-prefix} and job queue, the {@link ScalingTasks} counting into the
 * case's {@link ScalingTasks.Effects}, and a schedule that fires every second, whose enqueues an
 * observer counts per slot.
 */
final class ScalingNamespace {

	private final String id = UUID.randomUUID().toString().substring(0, 8);

	private final ScalingTasks.Effects effects = new ScalingTasks.Effects();

	/**
	 * What the case's tasks did.
	 * @return the effects, shared by every instance of the case
	 */
	ScalingTasks.Effects effects() {
		return this.effects;
	}

	/**
	 * The case's job queue, which every instance uses as default and consumes.
	 * @return the queue name
	 */
	String queue() {
		return "scaling-" + this.id;
	}

	/**
	 * The case's RabbitMQ prefix.
	 * @return the prefix
	 */
	String prefix() {
		return "scaling-" + this.id;
	}

	/**
	 * An instance against a RabbitMQ cluster and a Redis Cluster.
	 * @param rabbitAddresses {@code spring.rabbitmq.addresses}
	 * @param redisNodes the Redis Cluster's nodes
	 * @return the runner
	 */
	ApplicationContextRunner onClusters(String rabbitAddresses, List<String> redisNodes) {
		return instance().withPropertyValues("spring.rabbitmq.addresses=" + rabbitAddresses,
				"spring.data.redis.cluster.nodes=" + String.join(",", redisNodes));
	}

	/**
	 * An instance against the single RabbitMQ node on 5672 and the single Redis on 6379.
	 * @return the runner
	 */
	ApplicationContextRunner onSingleNodes() {
		return instance().withPropertyValues("spring.rabbitmq.host=127.0.0.1", "spring.data.redis.host=127.0.0.1");
	}

	private ApplicationContextRunner instance() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RabbitAutoConfiguration.class, DataRedisAutoConfiguration.class,
					JobsAutoConfiguration.class))
			.withBean(ScalingTasks.class, () -> new ScalingTasks(this.effects))
			.withBean("tickCounter", JobObserver.class, () -> new JobObserver() {
				@Override
				public void enqueued(EnqueuedJob job) {
					if (job.task().equals("tick")) {
						ScalingNamespace.this.effects.tickEnqueued(job.jobId());
					}
				}
			})
			.withPropertyValues("jobs.default-queue=" + queue(), "jobs.worker.queues=" + queue(),
					"jobs.queues." + queue() + ".concurrency=8", "jobs.rabbit.prefix=" + prefix(),
					"jobs.redis.key-prefix=scaling:" + this.id + ":", "jobs.worker.shutdown-timeout=5s",
					"jobs.retry.default.initial-delay=1s", "jobs.retry.default.jitter=false",
					"jobs.tasks.limited.rate-limit=100/s", "jobs.schedules.tick.task=tick",
					"jobs.schedules.tick.every=1s");
	}

}
