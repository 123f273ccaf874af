package dev.jobs.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.jobs.core.port.LimitUsage;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Notes which rate-limit and concurrency budgets are in use, for the dashboard's limits page:
 * a sorted set per kind ({@code <prefix>index:budgets:<kind>}) of budget names scored by when
 * they were last noted, in milliseconds. One instance notes a budget at most once every
 * {@link #EVERY}, and off the job's thread: the notes are written by a thread of their own
 * (which ends when idle), pipelined, so a guard adds no round trip to a job, whatever the number
 * of keys. A note that cannot be written is dropped; the page then misses that budget until the
 * next one.
 */
public final class BudgetIndex {

	/** How often one instance notes the same budget. */
	static final Duration EVERY = Duration.ofSeconds(15);

	/** Past this many budgets in memory, the times are forgotten (and the budgets noted again). */
	private static final int REMEMBERED = 10_000;

	private static final Log logger = LogFactory.getLog(BudgetIndex.class);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final Map<String, Long> notedAt = new ConcurrentHashMap<>();

	private final Map<Note, Long> unwritten = new ConcurrentHashMap<>();

	/** One writer at most, and one write waiting at most: a waiting one takes every note. */
	private final ThreadPoolExecutor writer = new ThreadPoolExecutor(0, 1, 5, TimeUnit.SECONDS,
			new LinkedBlockingQueue<>(1), (task) -> {
				Thread thread = new Thread(task, "jobs-budget-index");
				thread.setDaemon(true);
				return thread;
			}, new ThreadPoolExecutor.DiscardPolicy());

	private record Note(LimitUsage.Kind kind, String budget) {
	}

	/**
	 * An index on this connection factory.
	 * @param connectionFactory the Redis connection factory
	 * @param keys the key names
	 */
	public BudgetIndex(RedisConnectionFactory connectionFactory, RedisKeys keys) {
		this.redis = new StringRedisTemplate(connectionFactory);
		this.keys = keys;
	}

	/**
	 * Notes that a budget was used now, unless this instance did less than {@link #EVERY} ago.
	 * Returns at once; the note is written in the background.
	 * @param kind what the budget limits
	 * @param budget the budget's name
	 */
	public void used(LimitUsage.Kind kind, String budget) {
		long now = System.currentTimeMillis();
		String name = kind + "|" + budget;
		Long last = this.notedAt.get(name);
		if (last != null && now - last < EVERY.toMillis()) {
			return;
		}
		if (this.notedAt.size() > REMEMBERED) {
			this.notedAt.clear();
		}
		this.notedAt.put(name, now);
		if (this.unwritten.size() < REMEMBERED) {
			this.unwritten.put(new Note(kind, budget), now);
			this.writer.execute(this::write);
		}
	}

	private void write() {
		List<Map.Entry<Note, Long>> notes = new ArrayList<>(this.unwritten.entrySet());
		notes.forEach((note) -> this.unwritten.remove(note.getKey(), note.getValue()));
		if (notes.isEmpty()) {
			return;
		}
		try {
			this.redis.executePipelined((RedisCallback<Object>) (connection) -> {
				for (Map.Entry<Note, Long> note : notes) {
					connection.zSetCommands()
						.zAdd(RedisScripts.utf8(key(this.keys, note.getKey().kind())), note.getValue(),
								RedisScripts.utf8(note.getKey().budget()));
				}
				return null;
			});
		}
		catch (RuntimeException ex) {
			logger.debug("Could not note " + notes.size() + " budgets in use for the dashboard", ex);
		}
	}

	/**
	 * The index of one kind of budget.
	 * @param keys the key names
	 * @param kind what its budgets limit
	 * @return {@code <prefix>index:budgets:<kind>}, the kind in lower case
	 */
	static String key(RedisKeys keys, LimitUsage.Kind kind) {
		return keys.index("budgets:" + kind.name().toLowerCase(Locale.ROOT));
	}

}
