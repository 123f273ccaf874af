package dev.jobs.actuate.health;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.jobs.core.port.QueueInspector;
import dev.jobs.core.port.QueueSnapshot;
import dev.jobs.core.port.QueueStats;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Health of background jobs: {@code UP} when both RabbitMQ, which carries the jobs, and Redis,
 * which keeps their results and guards, answer; {@code DOWN} when either does not. The details
 * say which one failed and, while the broker answers, how full each queue is.
 */
public class JobsHealthIndicator extends AbstractHealthIndicator {

	private final QueueInspector queues;

	private final RedisConnectionFactory redis;

	/**
	 * A health indicator over the broker and the store.
	 * @param queues reads the broker's queues
	 * @param redis the store's connection factory
	 */
	public JobsHealthIndicator(QueueInspector queues, RedisConnectionFactory redis) {
		super("Jobs health check failed");
		this.queues = queues;
		this.redis = redis;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean brokerUp = checkBroker(builder);
		boolean redisUp = checkRedis(builder);
		if (brokerUp && redisUp) {
			builder.up();
		}
		else {
			builder.down();
		}
	}

	private boolean checkBroker(Health.Builder builder) {
		QueueSnapshot snapshot;
		try {
			snapshot = this.queues.snapshot();
		}
		catch (RuntimeException ex) {
			builder.withDetail("broker", "unreachable: " + ex.getMessage());
			return false;
		}
		builder.withDetail("broker", "up");
		Map<String, Object> depths = new LinkedHashMap<>();
		for (QueueStats queue : snapshot.queues()) {
			Map<String, Object> stats = new LinkedHashMap<>();
			stats.put("ready", queue.ready());
			if (queue.unacked() != null) {
				stats.put("unacked", queue.unacked());
			}
			stats.put("consumers", queue.consumers());
			depths.put(queue.name(), stats);
		}
		builder.withDetail("queues", depths);
		builder.withDetail("deadLetters", snapshot.deadLetters().messages());
		builder.withDetail("delayed", snapshot.delayed());
		return true;
	}

	private boolean checkRedis(Health.Builder builder) {
		try (RedisConnection connection = this.redis.getConnection()) {
			connection.ping();
			builder.withDetail("redis", "up");
			return true;
		}
		catch (RuntimeException ex) {
			builder.withDetail("redis", "unreachable: " + ex.getMessage());
			return false;
		}
	}

}
