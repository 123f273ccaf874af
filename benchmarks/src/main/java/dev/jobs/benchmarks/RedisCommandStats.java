package dev.jobs.benchmarks;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Counts the commands Redis executed, from {@code INFO commandstats}, so that a round can report
 * Redis commands per job. Commands a Lua script runs are counted too (a script call shows as
 * {@code evalsha} and again as each command inside it). The counts are server-wide: other
 * clients of the same Redis add to them.
 */
final class RedisCommandStats {

	private final Map<String, Long> calls;

	private RedisCommandStats(Map<String, Long> calls) {
		this.calls = calls;
	}

	/**
	 * Reads the server's counters now.
	 * @param redis the template
	 * @return the counters
	 */
	static RedisCommandStats read(StringRedisTemplate redis) {
		Properties info = redis.execute((RedisCallback<Properties>) (connection) -> connection.serverCommands()
			.info("commandstats"));
		Map<String, Long> calls = new TreeMap<>();
		if (info != null) {
			for (String name : info.stringPropertyNames()) {
				if (name.startsWith("cmdstat_")) {
					calls.put(name.substring("cmdstat_".length()), callsOf(info.getProperty(name)));
				}
			}
		}
		return new RedisCommandStats(calls);
	}

	private static long callsOf(String value) {
		for (String part : value.split(",")) {
			if (part.startsWith("calls=")) {
				return Long.parseLong(part.substring("calls=".length()));
			}
		}
		return 0;
	}

	/**
	 * The commands executed since an earlier reading, by command; the {@code info} calls of the
	 * readings themselves are left out.
	 * @param before the earlier reading
	 * @return calls by command name, only those that changed
	 */
	Map<String, Long> since(RedisCommandStats before) {
		Map<String, Long> delta = new TreeMap<>();
		this.calls.forEach((command, count) -> {
			long change = count - before.calls.getOrDefault(command, 0L);
			if (command.equals("info")) {
				change = Math.max(0, change - 1);
			}
			if (change > 0) {
				delta.put(command, change);
			}
		});
		return delta;
	}

}
