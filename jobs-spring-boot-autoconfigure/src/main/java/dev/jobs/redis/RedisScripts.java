package dev.jobs.redis;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts under {@code dev/jobs/redis/}, one per atomic operation, loaded once.
 */
final class RedisScripts {

	static final RedisScript<Long> RECORD_RESULT = load("record_result.lua");

	static final RedisScript<Long> RECORD_STARTED = load("record_started.lua");

	private RedisScripts() {
	}

	private static RedisScript<Long> load(String name) {
		return RedisScript.of(new ClassPathResource("dev/jobs/redis/" + name), Long.class);
	}

}
