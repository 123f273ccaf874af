package dev.jobs.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts under {@code dev/jobs/redis/}, one per atomic operation, read once as text.
 * Held as text rather than as a resource: a resource-backed script checks the resource's
 * modification time on every call, which inside a packaged jar cost the worker half its CPU
 * (measured in the benchmarks module).
 */
final class RedisScripts {

	static final RedisScript<Long> RECORD_RESULT = load("record_result.lua");

	static final RedisScript<Long> RECORD_STARTED = load("record_started.lua");

	private RedisScripts() {
	}

	private static RedisScript<Long> load(String name) {
		try {
			String text = new ClassPathResource("dev/jobs/redis/" + name).getContentAsString(StandardCharsets.UTF_8);
			return RedisScript.of(text, Long.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read Lua script dev/jobs/redis/" + name, ex);
		}
	}

}
