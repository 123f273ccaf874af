package dev.jobs.scaling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.jobs.BackgroundTask;
import dev.jobs.JobHandle;
import dev.jobs.JobStatus;
import dev.jobs.Jobs;
import dev.jobs.JobsUnavailableException;
import dev.jobs.autoconfigure.JobsAutoConfiguration;

import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.awaitility.Awaitility.await;

/**
 * The steady load of the Redis scaling cases, and its books. One thread enqueues a job every few
 * milliseconds, each with a key of its own; every fourth is guarded by its idempotency key, and
 * every tenth is awaited by a waiter thread ({@code JobHandle.await}, woken by the record's
 * Pub/Sub announcement). The tasks count their effect with an {@code INCR} of a key named after
 * the job's key (one key, so any Redis Cluster slot takes it) and note when a job first ran, so
 * the case can tell a lost job (no result), a duplicated effect of a guarded job (a count above
 * 1) and the longest delay between an enqueue and the job's first run (the stall).
 */
final class RedisScalingLoad implements AutoCloseable {

	private static final Duration PACE = Duration.ofMillis(4);

	private final Jobs jobs;

	private final RedisScalingTasks tasks;

	private final List<JobHandle<Object>> accepted = new CopyOnWriteArrayList<>();

	private final List<String> guardedKeys = new CopyOnWriteArrayList<>();

	private final Map<String, Long> enqueuedAt = new ConcurrentHashMap<>();

	private final AtomicLong refused = new AtomicLong();

	private final AtomicLong awaitFailures = new AtomicLong();

	private final AtomicLong awaited = new AtomicLong();

	private final AtomicLong slowestAwaitNanos = new AtomicLong();

	private final ExecutorService waiters = Executors.newFixedThreadPool(4);

	private final Thread thread;

	private volatile boolean running = true;

	private RedisScalingLoad(Jobs jobs, RedisScalingTasks tasks) {
		this.jobs = jobs;
		this.tasks = tasks;
		this.thread = new Thread(this::run, "redis-scaling-load");
		this.thread.setDaemon(true);
	}

	/**
	 * A worker context against a Redis set-up, on the local broker with a namespace of its own.
	 * @param redisProperties the {@code spring.data.redis.*} pairs that point at the set-up
	 * @return the runner
	 */
	static ApplicationContextRunner worker(String... redisProperties) {
		String id = UUID.randomUUID().toString().substring(0, 8);
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(RabbitAutoConfiguration.class, DataRedisAutoConfiguration.class,
					JobsAutoConfiguration.class))
			.withUserConfiguration(RedisScalingTasks.Configuration.class)
			.withPropertyValues("spring.rabbitmq.host=127.0.0.1", "spring.rabbitmq.port=5672",
					"jobs.rabbit.prefix=rscale-" + id, "jobs.default-queue=rscale-" + id,
					"jobs.worker.queues=rscale-" + id, "jobs.queues.rscale-" + id + ".concurrency=8",
					"jobs.redis.key-prefix=rscale:" + id + ":", "jobs.worker.shutdown-timeout=5s")
			.withPropertyValues(redisProperties);
	}

	/**
	 * Starts enqueuing.
	 * @param jobs the front door
	 * @param tasks the tasks bean, which notes first runs
	 * @return the running load
	 */
	static RedisScalingLoad start(Jobs jobs, RedisScalingTasks tasks) {
		RedisScalingLoad load = new RedisScalingLoad(jobs, tasks);
		load.thread.start();
		return load;
	}

	private void run() {
		for (int i = 0; this.running; i++) {
			boolean guarded = i % 4 == 0;
			String key = "k-" + i;
			try {
				this.enqueuedAt.put(key, System.nanoTime());
				JobHandle<Object> handle = this.jobs.enqueue(guarded ? "scaling-guarded" : "scaling-effect", key);
				this.accepted.add(handle);
				if (guarded) {
					this.guardedKeys.add(key);
				}
				if (i % 10 == 5) {
					this.waiters.execute(() -> awaitOne(handle));
				}
			}
			catch (JobsUnavailableException ex) {
				this.enqueuedAt.remove(key);
				this.refused.incrementAndGet();
			}
			// Pacing the load, not waiting for a condition.
			LockSupport.parkNanos(PACE.toNanos());
		}
	}

	private void awaitOne(JobHandle<Object> handle) {
		long started = System.nanoTime();
		try {
			handle.await(Duration.ofSeconds(90));
			this.awaited.incrementAndGet();
			this.slowestAwaitNanos.accumulateAndGet(System.nanoTime() - started, Math::max);
		}
		catch (RuntimeException ex) {
			if (this.awaitFailures.incrementAndGet() <= 3) {
				System.out.println("await of job " + handle.id() + " failed: " + ex);
				ex.printStackTrace(System.out);
			}
		}
	}

	/** How many jobs were accepted so far. */
	int acceptedCount() {
		return this.accepted.size();
	}

	/** The id of the job accepted last, to find a slot that holds records. */
	String lastJobId() {
		return this.accepted.get(this.accepted.size() - 1).id();
	}

	/** Stops enqueuing and returns once the last enqueue and every await have returned. */
	void stop() {
		this.running = false;
		try {
			this.thread.join(TimeUnit.SECONDS.toMillis(30));
			this.waiters.shutdown();
			this.waiters.awaitTermination(2, TimeUnit.MINUTES);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Waits for every accepted job to reach SUCCESS (or the limit), then counts.
	 * @param redis a template on the set-up
	 * @param keyPrefix the context's {@code jobs.redis.key-prefix}
	 * @param limit how long to wait for the last jobs
	 * @return the tally
	 */
	Tally settle(StringRedisTemplate redis, String keyPrefix, Duration limit) {
		List<JobHandle<Object>> handles = new ArrayList<>(this.accepted);
		List<JobHandle<Object>> open = new ArrayList<>(handles);
		try {
			await().atMost(limit).pollInterval(Duration.ofSeconds(1)).until(() -> {
				open.removeIf((handle) -> handle.status() == JobStatus.SUCCESS);
				return open.isEmpty();
			});
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			// Counted as lost below, with the numbers.
		}
		List<String> effectKeys = this.guardedKeys.stream().map((key) -> keyPrefix + "effect:" + key).toList();
		List<String> counts = Objects.requireNonNull(redis.opsForValue().multiGet(effectKeys));
		long duplicated = counts.stream().filter((count) -> count != null && Long.parseLong(count) > 1).count();
		long slowestStart = 0;
		for (Map.Entry<String, Long> enqueued : this.enqueuedAt.entrySet()) {
			Long ran = this.tasks.firstRun(enqueued.getKey());
			if (ran != null) {
				slowestStart = Math.max(slowestStart, ran - enqueued.getValue());
			}
		}
		return new Tally(handles.size(), open.size(), duplicated, this.refused.get(), this.awaited.get(),
				this.awaitFailures.get(), Duration.ofNanos(slowestStart), Duration.ofNanos(this.slowestAwaitNanos.get()));
	}

	@Override
	public void close() {
		stop();
	}

	/**
	 * What a case counts.
	 *
	 * @param accepted jobs whose enqueue returned
	 * @param lost accepted jobs without a SUCCESS record at the end
	 * @param duplicatedEffects guarded jobs whose effect happened more than once
	 * @param refused enqueues that threw {@link JobsUnavailableException}
	 * @param awaited awaits that returned the result
	 * @param awaitFailures awaits that threw
	 * @param longestDelay the longest time between an enqueue and the job's first run
	 * @param slowestAwait the longest await that returned
	 */
	record Tally(long accepted, long lost, long duplicatedEffects, long refused, long awaited, long awaitFailures,
			Duration longestDelay, Duration slowestAwait) {

		String line(String fault) {
			return "fault=" + fault + " accepted=" + this.accepted + " lost=" + this.lost + " duplicated_effects="
					+ this.duplicatedEffects + " refused=" + this.refused + " awaited=" + this.awaited
					+ " await_failures=" + this.awaitFailures + " longest_job_delay_ms=" + this.longestDelay.toMillis()
					+ " slowest_await_ms=" + this.slowestAwait.toMillis();
		}

	}

	/**
	 * The tasks of the Redis scaling cases. Each counts its effect with one {@code INCR} and
	 * notes the moment its job first ran in this JVM.
	 */
	public static class RedisScalingTasks {

		private final StringRedisTemplate redis;

		private final String keyPrefix;

		private final Map<String, Long> firstRuns = new ConcurrentHashMap<>();

		RedisScalingTasks(StringRedisTemplate redis, String keyPrefix) {
			this.redis = redis;
			this.keyPrefix = keyPrefix;
		}

		/**
		 * An effect guarded by its idempotency key: at most once, whatever fails over.
		 * @param key the job's key
		 * @return the key
		 */
		@BackgroundTask(name = "scaling-guarded", idempotencyKey = "#key")
		public String guarded(String key) {
			return effect(key);
		}

		/**
		 * The same effect without a guard.
		 * @param key the job's key
		 * @return the key
		 */
		@BackgroundTask(name = "scaling-effect")
		public String effect(String key) {
			this.firstRuns.putIfAbsent(key, System.nanoTime());
			this.redis.opsForValue().increment(this.keyPrefix + "effect:" + key);
			return key;
		}

		Long firstRun(String key) {
			return this.firstRuns.get(key);
		}

		/** Declares the tasks in a context of the cases. */
		@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
		static class Configuration {

			@Bean
			RedisScalingTasks redisScalingTasks(StringRedisTemplate redis,
					org.springframework.core.env.Environment environment) {
				return new RedisScalingTasks(redis, environment.getRequiredProperty("jobs.redis.key-prefix"));
			}

		}

	}

}
