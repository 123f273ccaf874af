package dev.jobs.actuate.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;

import dev.jobs.core.port.QueueInspector;
import dev.jobs.core.port.QueueSnapshot;
import dev.jobs.core.port.QueueStats;
import dev.jobs.core.port.ScheduleOperations;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Health of background jobs: {@code UP} when both RabbitMQ, which carries the jobs, and Redis,
 * which keeps their results and guards, answer; {@code DOWN} when either does not. The details
 * say which one failed and, while the broker answers, how full each queue is. On a worker, it
 * is also {@code DOWN} while more threads are stuck in jobs abandoned at their hard time limit
 * than {@code jobs.worker.max-stuck}: an orchestrator then replaces the instance, as Celery's
 * {@code --max-tasks-per-child} replaces a worker process.
 *
 * <p>Both are asked at once, and each answer is awaited only until the health timeout has
 * passed since the check began: a call that blocks (a Redis client waits out its command
 * timeout, 60 seconds by default, while the server is unreachable) reads as {@code DOWN} in
 * time, instead of holding the probe and answering {@code UP} once the server is back.
 */
public class JobsHealthIndicator extends AbstractHealthIndicator {

	private final TimeBoundCall<QueueSnapshot> broker;

	private final TimeBoundCall<String> redis;

	private final Duration timeout;

	private final ScheduleOperations schedules;

	private final StuckThreads stuck;

	/**
	 * A health indicator over the broker and the store.
	 * @param queues reads the broker's queues
	 * @param redis the store's connection factory
	 * @param timeout how long the check waits for the broker's and Redis's answers
	 * @param schedules the schedules, which say when their slots cannot be claimed
	 */
	public JobsHealthIndicator(QueueInspector queues, RedisConnectionFactory redis, Duration timeout,
			ScheduleOperations schedules) {
		this(queues, redis, timeout, schedules, StuckThreads.NONE);
	}

	/**
	 * A health indicator over the broker, the store and the worker's stuck threads.
	 * @param queues reads the broker's queues
	 * @param redis the store's connection factory
	 * @param timeout how long the check waits for the broker's and Redis's answers
	 * @param schedules the schedules, which say when their slots cannot be claimed
	 * @param stuck the worker's stuck threads and how many it tolerates
	 */
	public JobsHealthIndicator(QueueInspector queues, RedisConnectionFactory redis, Duration timeout,
			ScheduleOperations schedules, StuckThreads stuck) {
		super("Jobs health check failed");
		this.broker = new TimeBoundCall<>("broker", queues::snapshot);
		this.redis = new TimeBoundCall<>("redis", () -> ping(redis));
		this.timeout = timeout;
		this.schedules = schedules;
		this.stuck = stuck;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		CompletableFuture<QueueSnapshot> snapshot = this.broker.begin();
		CompletableFuture<String> pong = this.redis.begin();
		boolean brokerUp = checkBroker(builder, snapshot, deadline);
		boolean redisUp = checkRedis(builder, pong, deadline);
		boolean schedulesUp = checkSchedules(builder);
		boolean workerUp = checkStuckThreads(builder);
		if (brokerUp && redisUp && schedulesUp && workerUp) {
			builder.up();
		}
		else {
			builder.down();
		}
	}

	private boolean checkBroker(Health.Builder builder, CompletableFuture<QueueSnapshot> answer, long deadline) {
		QueueSnapshot snapshot;
		try {
			snapshot = this.broker.await(answer, deadline, this.timeout);
		}
		catch (TimeoutException | RuntimeException ex) {
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
		if (!snapshot.stalledDeadLetters().isEmpty()) {
			// UP all the same: the fault is the broker's, and replacing this instance would not cure it.
			Map<String, Object> stalled = new LinkedHashMap<>();
			snapshot.stalledDeadLetters()
				.forEach((queue) -> stalled.put(queue.queue(),
						Map.of("messages", queue.messages(), "since", queue.since().toString())));
			builder.withDetail("stalledDeadLettering", stalled);
		}
		return true;
	}

	private boolean checkRedis(Health.Builder builder, CompletableFuture<String> answer, long deadline) {
		try {
			this.redis.await(answer, deadline, this.timeout);
			builder.withDetail("redis", "up");
			return true;
		}
		catch (TimeoutException | RuntimeException ex) {
			builder.withDetail("redis", "unreachable: " + ex.getMessage());
			return false;
		}
	}

	private boolean checkSchedules(Health.Builder builder) {
		Optional<String> problem = this.schedules.problem();
		problem.ifPresent((message) -> builder.withDetail("schedules", message));
		return problem.isEmpty();
	}

	private boolean checkStuckThreads(Health.Builder builder) {
		if (this.stuck == StuckThreads.NONE) {
			return true;
		}
		int count = this.stuck.count().getAsInt();
		builder.withDetail("stuckThreads", count);
		if (count > this.stuck.max()) {
			builder.withDetail("worker", count + " threads are stuck in jobs abandoned at their hard time limit, more"
					+ " than jobs.worker.max-stuck (" + this.stuck.max() + "): replace this instance");
			return false;
		}
		return true;
	}

	private static String ping(RedisConnectionFactory redis) {
		try (RedisConnection connection = redis.getConnection()) {
			return connection.ping();
		}
	}

	/**
	 * The threads of this instance's worker stuck in abandoned jobs, and how many it tolerates
	 * before it reads {@code DOWN}.
	 *
	 * @param count how many are stuck now
	 * @param max the most it tolerates ({@code jobs.worker.max-stuck})
	 */
	public record StuckThreads(IntSupplier count, int max) {

		/** No worker here: nothing to count. */
		public static final StuckThreads NONE = new StuckThreads(() -> 0, Integer.MAX_VALUE);

	}

}
