package dev.jobs.benchmarks;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the {@code e2e} phase's jobs use of the starter's per-job features ({@code --feature}), so
 * that each feature's cost per job is read in the same run as the plain job's: Redis commands and
 * script calls per job, and jobs per second against {@code raw}. Every key is distinct per job,
 * so no job waits for another: what is measured is the feature's own price, not contention.
 */
enum JobFeature {

	/** A plain job: the guards read a field each and let it go. */
	NONE("none", BenchTasks.NOOP),

	/** An idempotency key per job: claimed before the task, completed after it. */
	IDEMPOTENT("idempotent", BenchTasks.IDEMPOTENT),

	/** A lock per job: taken before the task, released after it. */
	LOCKED("locked", BenchTasks.LOCKED),

	/** A global rate limit far above what the machine can run, so that no job is deferred. */
	RATE_LIMITED("rate-limited", BenchTasks.RATE_LIMITED),

	/** A failure circuit breaker that never opens: the benchmark's jobs all succeed. */
	BREAKER("breaker", BenchTasks.BREAKER);

	private final String optionValue;

	private final String task;

	JobFeature(String optionValue, String task) {
		this.optionValue = optionValue;
		this.task = task;
	}

	/**
	 * The task whose jobs use this feature.
	 * @return its name
	 */
	String task() {
		return this.task;
	}

	/**
	 * The feature's name as {@code --feature} takes it.
	 * @return the name
	 */
	String optionValue() {
		return this.optionValue;
	}

	/**
	 * The application properties the feature needs beyond the task's annotation.
	 * @return properties, often none
	 */
	Map<String, Object> properties() {
		return switch (this) {
			case BREAKER -> Map.of("jobs.tasks[" + this.task + "].circuit-breaker.failure-rate-threshold", 50);
			// A burst as large as the rate: jobs taken in the same microsecond are not deferred.
			case RATE_LIMITED -> Map.of("jobs.tasks[" + this.task + "].rate-limit-burst", 10_000_000);
			case NONE, IDEMPOTENT, LOCKED -> Map.of();
		};
	}

	/**
	 * The feature of a {@code --feature} value.
	 * @param value the option's value
	 * @return the feature
	 * @throws IllegalArgumentException naming the values there are
	 */
	static JobFeature named(String value) {
		String wanted = value.trim().toLowerCase(Locale.ROOT);
		return Arrays.stream(values())
			.filter((feature) -> feature.optionValue.equals(wanted))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("--feature must be one of "
					+ Arrays.stream(values()).map(JobFeature::optionValue).collect(Collectors.joining(", "))
					+ ", got '" + value + "'"));
	}

}
