package dev.jobs.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisScriptingCommands;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts under {@code dev/jobs/redis/}, one per atomic operation, read once as text.
 * Held as text rather than as a resource: a resource-backed script checks the resource's
 * modification time on every call, which inside a packaged jar cost the worker half its CPU
 * (measured in the benchmarks module).
 */
public final class RedisScripts {

	static final RedisScript<Long> RECORD_RESULTS = load("record_results.lua", Long.class);

	private RedisScripts() {
	}

	/**
	 * Runs a script by its SHA1, loading it first where Redis does not have it yet. Goes to the
	 * connection directly: {@code RedisTemplate.execute(RedisScript, ...)} builds a connection
	 * proxy and serializers per call, a sixth of a worker's CPU in the e2e profile. Keys and
	 * arguments are passed as UTF-8 bytes, so that a record encoded as bytes is not encoded again.
	 * @param redis the template whose connections to use
	 * @param script the script
	 * @param keyCount how many of the values are keys (they come first)
	 * @param encoded the keys, then the arguments
	 * @return the script's integer reply
	 */
	static Long run(RedisTemplate<?, ?> redis, RedisScript<Long> script, int keyCount, byte[]... encoded) {
		return run(redis, script, ReturnType.INTEGER, keyCount, encoded);
	}

	/**
	 * As {@link #run}, for a script that replies with a list, on the hot path of a worker (a
	 * workflow step's end).
	 * @param redis the template whose connections to use
	 * @param script the script
	 * @param keyCount how many of the values are keys (they come first)
	 * @param encoded the keys, then the arguments
	 * @return the reply's elements as text (integers in decimal)
	 */
	public static List<String> runForList(RedisTemplate<?, ?> redis, RedisScript<?> script, int keyCount,
			byte[]... encoded) {
		List<?> reply = run(redis, script, ReturnType.MULTI, keyCount, encoded);
		List<String> texts = new ArrayList<>((reply != null) ? reply.size() : 0);
		if (reply != null) {
			for (Object element : reply) {
				texts.add((element instanceof byte[] bytes) ? new String(bytes, StandardCharsets.UTF_8)
						: String.valueOf(element));
			}
		}
		return texts;
	}

	private static <T> T run(RedisTemplate<?, ?> redis, RedisScript<?> script, ReturnType type, int keyCount,
			byte[]... encoded) {
		return redis.execute((RedisCallback<T>) (connection) -> {
			RedisScriptingCommands scripting = connection.scriptingCommands();
			try {
				return scripting.evalSha(script.getSha1(), type, keyCount, encoded);
			}
			catch (DataAccessException ex) {
				if (!isNoScript(ex)) {
					throw ex;
				}
				return scripting.eval(script.getScriptAsString().getBytes(StandardCharsets.UTF_8), type, keyCount,
						encoded);
			}
		}, true);
	}

	/**
	 * Runs several calls of one script at once, each with its own keys, and waits for them all:
	 * on a Redis Cluster the calls of one result batch (one a hash slot) go out together over
	 * Lettuce's connections to the masters, so the batch costs about one round trip rather than
	 * one per call. MOVED and ASK redirections are followed by Lettuce. Without Lettuce's native
	 * API (another client) the calls go one after the other.
	 * @param redis the template whose connections to use
	 * @param script the script, with an integer reply
	 * @param calls each call's key count and its keys, then arguments
	 * @param timeout how long to wait for all of them at most, beyond the client's own timeout
	 * @return for each call, in order, {@code null} if it succeeded, else why it failed
	 */
	static List<Throwable> runEach(RedisTemplate<?, ?> redis, RedisScript<Long> script, List<Call> calls,
			Duration timeout) {
		return redis.execute((RedisCallback<List<Throwable>>) (connection) -> {
			if (!(connection.getNativeConnection() instanceof RedisClusterAsyncCommands<?, ?> native0)) {
				List<Throwable> failures = new ArrayList<>(calls.size());
				for (Call call : calls) {
					try {
						run(redis, script, call.keyCount(), call.encoded());
						failures.add(null);
					}
					catch (RuntimeException ex) {
						failures.add(ex);
					}
				}
				return failures;
			}
			@SuppressWarnings("unchecked")
			RedisClusterAsyncCommands<byte[], byte[]> async = (RedisClusterAsyncCommands<byte[], byte[]>) native0;
			byte[] text = script.getScriptAsString().getBytes(StandardCharsets.UTF_8);
			List<CompletableFuture<Long>> sent = new ArrayList<>(calls.size());
			for (Call call : calls) {
				byte[][] keys = Arrays.copyOfRange(call.encoded(), 0, call.keyCount());
				byte[][] args = Arrays.copyOfRange(call.encoded(), call.keyCount(), call.encoded().length);
				sent.add(async.<Long>evalsha(script.getSha1(), ScriptOutputType.INTEGER, keys, args)
					.toCompletableFuture()
					.exceptionallyCompose((error) -> isNoScript(error)
							? async.<Long>eval(text, ScriptOutputType.INTEGER, keys, args).toCompletableFuture()
							: CompletableFuture.failedFuture(error)));
			}
			long deadline = System.nanoTime() + timeout.toNanos();
			List<Throwable> failures = new ArrayList<>(calls.size());
			for (CompletableFuture<Long> call : sent) {
				try {
					call.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
					failures.add(null);
				}
				catch (ExecutionException ex) {
					failures.add(ex.getCause());
				}
				catch (TimeoutException ex) {
					failures.add(ex);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					failures.add(ex);
				}
			}
			return failures;
		}, true);
	}

	/**
	 * One call of a script, for {@link #runEach}.
	 *
	 * @param keyCount how many of the values are keys (they come first)
	 * @param encoded the keys, then the arguments, as UTF-8 bytes
	 */
	record Call(int keyCount, byte[][] encoded) {
	}

	/**
	 * Text as the UTF-8 bytes {@link #runForList} takes.
	 * @param text the text
	 * @return its bytes
	 */
	public static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Redis's own clock, which the scripts count by, so that a reader of what they wrote uses the
	 * same one; this process's clock if Redis does not answer with it.
	 * @param redis the template
	 * @return milliseconds since the Unix epoch
	 */
	static long serverMillis(RedisTemplate<?, ?> redis) {
		Long millis = redis.execute((RedisCallback<Long>) (connection) -> connection.serverCommands().time());
		return (millis != null) ? millis : System.currentTimeMillis();
	}

	/** Redis answers NOSCRIPT for a SHA1 it has not loaded (first call, or after a restart or flush). */
	private static boolean isNoScript(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null && cause.getMessage().contains("NOSCRIPT")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A duration as the whole milliseconds a script or {@code PX} takes, at least 1 (a zero
	 * time to live would be refused or delete the key).
	 * @param duration the duration
	 * @return its milliseconds, as text
	 */
	public static String millis(Duration duration) {
		return Long.toString(Math.max(1, duration.toMillis()));
	}

	/**
	 * Whether a script answered 1, the scripts' "done" (0 is "not this owner's" or "not done").
	 * @param reply the script's reply
	 * @return {@code true} for 1
	 */
	public static boolean isDone(Long reply) {
		return reply != null && reply == 1L;
	}

	/**
	 * Reads a script of {@code dev/jobs/redis/} once, as text.
	 * @param <T> the type of its reply
	 * @param name the file name, such as {@code schedule_claim.lua}
	 * @param type the type of its reply
	 * @return the script
	 */
	public static <T> RedisScript<T> load(String name, Class<T> type) {
		try {
			String text = new ClassPathResource("dev/jobs/redis/" + name).getContentAsString(StandardCharsets.UTF_8);
			return RedisScript.of(text, type);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read Lua script dev/jobs/redis/" + name, ex);
		}
	}

}
