package dev.jobs.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.jobs.core.port.JobSearch;
import dev.jobs.core.port.ResultRecord;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;

/**
 * Searches job records through the sorted sets {@code record_results.lua} keeps beside them
 * (docs/protocol.md, "Search indexes of the records"):
 * <ol>
 * <li>picks the narrowest index the query names: its status's, else its task's, else
 * {@code all};</li>
 * <li>reads a slice of result keys from it, newest first, from the cursor on
 * ({@code ZRANGE ... BYSCORE REV LIMIT}), then their records with one {@code MGET};</li>
 * <li>keeps the records that match the rest of the query and still exist, and reads further
 * slices (at most {@value #ROUNDS}) until the page is full.</li>
 * </ol>
 * A page costs a few round trips whatever the number of records. The cursor is the score and
 * member of the last entry read, so that jobs enqueued in the same millisecond are neither
 * skipped nor repeated.
 */
public final class RedisJobSearch implements JobSearch {

	private static final int ROUNDS = 5;

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final ResultRecordCodec codec;

	private final boolean indexed;

	/**
	 * A search on this connection factory.
	 * @param connectionFactory the Redis connection factory
	 * @param keys the key names
	 * @param mapper the job JSON mapper, which reads the records
	 */
	public RedisJobSearch(RedisConnectionFactory connectionFactory, RedisKeys keys, JsonMapper mapper) {
		this.redis = new StringRedisTemplate(connectionFactory);
		this.keys = keys;
		this.codec = new ResultRecordCodec(mapper);
		this.indexed = !SlotGroups.of(connectionFactory).cluster();
	}

	@Override
	public Page search(Query query) {
		if (!this.indexed) {
			return new Page(List.of(), null, false);
		}
		String index = (query.status() != null) ? this.keys.index("status:" + query.status().name())
				: (query.task() != null) ? this.keys.index("task:" + query.task()) : this.keys.index("all");
		Cursor cursor = Cursor.parse(query.cursor(),
				(query.before() != null) ? query.before().toEpochMilli() - 1 : Long.MAX_VALUE);
		long min = (query.after() != null) ? query.after().toEpochMilli() : 0;
		List<ResultRecord> found = new ArrayList<>();
		Cursor last = cursor;
		for (int round = 0; round < ROUNDS && found.size() < query.size(); round++) {
			int slice = query.size() * 2 + 1;
			int asked = slice + last.skip();
			Set<TypedTuple<String>> entries = this.redis.opsForZSet()
				.reverseRangeByScoreWithScores(index, min, last.score(), 0, asked);
			boolean exhausted = entries == null || entries.size() < asked;
			List<TypedTuple<String>> fresh = new ArrayList<>();
			for (TypedTuple<String> entry : (entries != null) ? entries : Set.<TypedTuple<String>>of()) {
				if (!last.seen(entry)) {
					fresh.add(entry);
				}
			}
			if (fresh.isEmpty()) {
				return new Page(found, null, true);
			}
			List<String> values = this.redis.opsForValue().multiGet(fresh.stream().map(TypedTuple::getValue).toList());
			for (int i = 0; i < fresh.size(); i++) {
				TypedTuple<String> entry = fresh.get(i);
				last = last.after(entry);
				String json = (values != null) ? values.get(i) : null;
				ResultRecord record = (json != null) ? this.codec.decode(json) : null;
				if (record != null && matches(record, query)) {
					found.add(record);
					if (found.size() == query.size()) {
						return new Page(found, (i < fresh.size() - 1 || !exhausted) ? last.text() : null, true);
					}
				}
			}
			if (exhausted) {
				return new Page(found, null, true);
			}
		}
		return new Page(found, last.text(), true);
	}

	private static boolean matches(ResultRecord record, Query query) {
		return (query.status() == null || query.status() == record.status())
				&& (query.task() == null || query.task().equals(record.task()))
				&& (query.queue() == null || query.queue().equals(record.queue()));
	}

	/**
	 * Where reading stopped: the score of the last entry read, and the members of that score
	 * already read (in reverse order of member, as Redis gives entries of one score).
	 */
	private record Cursor(long score, String member, int skip) {

		static Cursor parse(String text, long max) {
			if (text == null || text.isBlank()) {
				return new Cursor(max, null, 0);
			}
			int colon = text.indexOf(':');
			try {
				return new Cursor(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1), 0);
			}
			catch (RuntimeException ex) {
				throw new IllegalArgumentException("Not a cursor of the job search: '" + text + "'");
			}
		}

		/** Whether an entry of the slice was read before: same score, member not after ours. */
		boolean seen(TypedTuple<String> entry) {
			return this.member != null && entry.getScore() != null && entry.getScore().longValue() == this.score
					&& entry.getValue().compareTo(this.member) >= 0;
		}

		Cursor after(TypedTuple<String> entry) {
			long entryScore = entry.getScore().longValue();
			int sameScore = (entryScore == this.score) ? this.skip + 1 : 1;
			return new Cursor(entryScore, entry.getValue(), sameScore);
		}

		String text() {
			return this.score + ":" + this.member;
		}

	}

}
