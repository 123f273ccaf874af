package dev.jobs.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.jobs.BackgroundTask;

import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The tasks of the fault suite. Each records its effect as an {@code INCR} of a Redis key named
 * after the job's own key, so that the test counts how often an effect happened, whichever JVM
 * ran it: a count of 1 is the effect once, more is a duplicated effect, none is a lost job.
 */
public class FaultTasks {

	/** Long enough that a kill often finds jobs running, short enough for thousands of jobs. */
	private static final Duration WORK = Duration.ofMillis(15);

	private static final RedisScript<Long> EFFECT = RedisScript
		.of("redis.call('RPUSH', KEYS[2], ARGV[1]) return redis.call('INCR', KEYS[1])", Long.class);

	private final StringRedisTemplate redis;

	private final String keyPrefix;

	private final AtomicLong guardedRuns = new AtomicLong();

	FaultTasks(StringRedisTemplate redis, String keyPrefix) {
		this.redis = redis;
		this.keyPrefix = keyPrefix;
	}

	/**
	 * An effect guarded by its idempotency key: works a while, then makes its effect, as a
	 * payment call would.
	 * @param key the job's key
	 * @return the key
	 * @throws InterruptedException if the worker stops
	 */
	@BackgroundTask(name = "guarded-effect", idempotencyKey = "#key")
	public String guardedEffect(String key) throws InterruptedException {
		this.guardedRuns.incrementAndGet();
		Thread.sleep(WORK.toMillis());
		count(key);
		return key;
	}

	/**
	 * The same effect without a guard: at-least-once, so a redelivery may repeat it.
	 * @param key the job's key
	 * @return the key
	 * @throws InterruptedException if the worker stops
	 */
	@BackgroundTask(name = "effect")
	public String effect(String key) throws InterruptedException {
		Thread.sleep(WORK.toMillis());
		count(key);
		return key;
	}

	/**
	 * A job whose first attempt fails, so that its retry waits in the delay levels.
	 * @param key the job's key
	 * @return the key
	 */
	@BackgroundTask(name = "fails-once")
	public String failsOnce(String key) {
		if (count(key) == 1) {
			throw new IllegalStateException("first attempt of " + key + " fails on purpose");
		}
		return key;
	}

	/**
	 * A job that takes its JVM down every time it runs, as a native crash or an out-of-memory
	 * kill would: no outcome is ever recorded, no acknowledgement sent.
	 * @param key the job's key
	 */
	@BackgroundTask(name = "poison")
	public void poison(String key) {
		count(key);
		Runtime.getRuntime().halt(1);
	}

	/**
	 * Counts the effect and logs who made it and when, the evidence behind a duplicated effect,
	 * in one atomic step, so that a kill cannot leave a count without its log entry.
	 */
	/**
	 * How many runs of {@code guarded-effect} this JVM has started, counted in memory: a run
	 * while Redis is down, where the counts live, is seen here.
	 * @return the runs started
	 */
	long guardedRuns() {
		return this.guardedRuns.get();
	}

	private long count(String key) {
		return this.redis.execute(EFFECT, List.of(this.keyPrefix + "effect:" + key, this.keyPrefix + "effects"),
				key + " pid=" + ProcessHandle.current().pid() + " at=" + Instant.now());
	}

	/** Declares the tasks in a context of the suite. */
	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	static class Configuration {

		@Bean
		FaultTasks faultTasks(StringRedisTemplate redis, org.springframework.core.env.Environment environment) {
			return new FaultTasks(redis, environment.getRequiredProperty("jobs.redis.key-prefix"));
		}

	}

}
