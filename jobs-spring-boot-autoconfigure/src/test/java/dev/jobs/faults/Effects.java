package dev.jobs.faults;

import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The effect counts the {@link FaultTasks} left in Redis for a set of job keys, read in one
 * {@code MGET}.
 *
 * @param counts how often each key's effect happened, in the order of the keys asked for
 */
record Effects(List<Long> counts) {

	/**
	 * Reads the counts of some job keys.
	 * @param redis a template on the namespace's Redis
	 * @param namespace the namespace
	 * @param jobKeys the keys the test gave its jobs
	 * @return their counts, {@code 0} for a key whose effect never happened
	 */
	static Effects read(StringRedisTemplate redis, FaultNamespace namespace, List<String> jobKeys) {
		List<String> values = redis.opsForValue().multiGet(jobKeys.stream().map(namespace::effectKey).toList());
		return new Effects(Objects.requireNonNull(values).stream()
			.map((value) -> (value != null) ? Long.parseLong(value) : 0L)
			.toList());
	}

	/**
	 * The process ids that made one key's effects, in the order they were made, from the log
	 * the {@link FaultTasks} keep beside the counts.
	 * @param redis a template on the namespace's Redis
	 * @param namespace the namespace
	 * @param jobKey the key the test gave the job
	 * @return the pids, one per effect logged
	 */
	static List<Long> madeBy(StringRedisTemplate redis, FaultNamespace namespace, String jobKey) {
		List<String> log = Objects.requireNonNull(redis.opsForList().range(namespace.keyPrefix() + "effects", 0, -1));
		return log.stream()
			.map((entry) -> entry.split(" "))
			.filter((fields) -> fields[0].equals(jobKey))
			.map((fields) -> Long.parseLong(fields[1].substring("pid=".length())))
			.toList();
	}

	/**
	 * The keys whose effect happened more than once.
	 * @param jobKeys the keys, in the order the counts were read
	 * @return the repeated ones
	 */
	List<String> duplicatedKeys(List<String> jobKeys) {
		return IntStream.range(0, jobKeys.size()).filter((i) -> this.counts.get(i) > 1).mapToObj(jobKeys::get).toList();
	}

	/**
	 * Every effect that happened, repeats included.
	 * @return the sum of the counts
	 */
	long total() {
		return this.counts.stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * Keys whose effect happened more than once.
	 * @return how many
	 */
	long duplicated() {
		return this.counts.stream().filter((count) -> count > 1).count();
	}

}
