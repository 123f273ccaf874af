package dev.jobs.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.springframework.boot.convert.DurationStyle;

/**
 * What one benchmark run does, from {@code --name=value} arguments or {@code -Dbench.name=value}
 * system properties (arguments win). Arguments starting with {@code --spring.} are passed to the
 * Spring application instead, for example {@code --spring.rabbitmq.host=...}.
 *
 * @param jobs jobs per round of {@code raw} and {@code e2e}
 * @param rounds measured rounds; each figure is their median
 * @param warmup rounds run first and discarded
 * @param phases the phases to run, in their fixed order
 * @param producers producer threads of {@code raw}, {@code e2e} and multi-thread {@code enqueue}
 * @param concurrency consumers of the worker queue, and of the raw queue
 * @param prefetch prefetch per consumer, for the worker and the raw consumers
 * @param confirmWindow unconfirmed messages each raw publisher may have in flight
 * @param enqueueJobs jobs per measurement of {@code enqueue}
 * @param batch jobs per {@code enqueueAll} call
 * @param rate offered rate of {@code latency}, jobs per second
 * @param duration how long {@code latency} offers its rate, per round
 * @param senders threads that send the {@code latency} jobs on schedule
 * @param delayedJobs jobs enqueued by {@code delayed}
 * @param delay how far ahead {@code delayed} schedules its jobs
 * @param springArgs arguments for the Spring application
 */
public record BenchmarkOptions(int jobs, int rounds, int warmup, Set<Phase> phases, int producers, int concurrency,
		int prefetch, int confirmWindow, int enqueueJobs, int batch, int rate, Duration duration, int senders,
		int delayedJobs, Duration delay, List<String> springArgs) {

	private static final String PROPERTY_PREFIX = "bench.";

	public BenchmarkOptions {
		requireAtLeast("jobs", jobs, 1);
		requireAtLeast("rounds", rounds, 1);
		requireAtLeast("warmup", warmup, 0);
		requireAtLeast("producers", producers, 1);
		requireAtLeast("concurrency", concurrency, 1);
		requireAtLeast("prefetch", prefetch, 1);
		requireAtLeast("confirm-window", confirmWindow, 1);
		requireAtLeast("enqueue-jobs", enqueueJobs, 1);
		requireAtLeast("batch", batch, 1);
		requireAtLeast("rate", rate, 1);
		requireAtLeast("senders", senders, 1);
		requireAtLeast("delayed-jobs", delayedJobs, 1);
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException("--duration must be positive, got " + duration);
		}
		phases = Set.copyOf(phases);
		springArgs = List.copyOf(springArgs);
	}

	/**
	 * Reads the options.
	 * @param args {@code --name=value} arguments
	 * @param system system properties, read as {@code bench.name}
	 * @return the options, defaults where nothing was given
	 * @throws IllegalArgumentException naming the option whose value is unusable or unknown
	 */
	public static BenchmarkOptions parse(String[] args, Properties system) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String name : system.stringPropertyNames()) {
			if (name.startsWith(PROPERTY_PREFIX)) {
				values.put(name.substring(PROPERTY_PREFIX.length()), system.getProperty(name));
			}
		}
		List<String> springArgs = new ArrayList<>();
		for (String arg : args) {
			if (arg.startsWith("--spring.")) {
				springArgs.add(arg);
				continue;
			}
			int equals = arg.indexOf('=');
			if (!arg.startsWith("--") || equals < 3) {
				throw new IllegalArgumentException("Arguments look like --name=value, got '" + arg + "'");
			}
			values.put(arg.substring(2, equals), arg.substring(equals + 1));
		}
		Reader reader = new Reader(values);
		int concurrency = reader.integer("concurrency", 8);
		BenchmarkOptions options = new BenchmarkOptions(reader.integer("jobs", 50_000), reader.integer("rounds", 3),
				reader.integer("warmup", 2), reader.phases(), reader.integer("producers", 4), concurrency,
				// The starter's own default: twice the concurrency, at least 10 (JobsProperties).
				reader.integer("prefetch", Math.max(10, concurrency * 2)), reader.integer("confirm-window", 256),
				reader.integer("enqueue-jobs", 10_000), reader.integer("batch", 500), reader.integer("rate", 1_000),
				reader.duration("duration", Duration.ofSeconds(30)), reader.integer("senders", 16),
				reader.integer("delayed-jobs", 100_000), reader.duration("delay", Duration.ofHours(1)), springArgs);
		reader.rejectUnknown();
		return options;
	}

	/**
	 * Whether the run includes a phase.
	 * @param phase the phase
	 * @return {@code true} if it runs
	 */
	public boolean runs(Phase phase) {
		return this.phases.contains(phase);
	}

	/**
	 * The options as one line, for the report.
	 * @return a description
	 */
	public String describe() {
		return "jobs=" + this.jobs + " rounds=" + this.rounds + " warmup=" + this.warmup + " producers="
				+ this.producers + " concurrency=" + this.concurrency + " prefetch=" + this.prefetch
				+ " confirm-window=" + this.confirmWindow + " enqueue-jobs=" + this.enqueueJobs + " batch=" + this.batch
				+ " rate=" + this.rate + "/s duration=" + print(this.duration) + " senders="
				+ this.senders + " delayed-jobs=" + this.delayedJobs + " delay=" + print(this.delay)
				+ " phases=" + Phase.names(this.phases);
	}

	static String print(Duration duration) {
		if (duration.toMillis() % 3_600_000 == 0) {
			return duration.toHours() + "h";
		}
		if (duration.toMillis() % 60_000 == 0) {
			return duration.toMinutes() + "m";
		}
		if (duration.toMillis() % 1_000 == 0) {
			return duration.toSeconds() + "s";
		}
		return duration.toMillis() + "ms";
	}

	private static void requireAtLeast(String option, int value, int minimum) {
		if (value < minimum) {
			throw new IllegalArgumentException("--" + option + " must be at least " + minimum + ", got " + value);
		}
	}

	private static final class Reader {

		private final Map<String, String> values;

		private final Set<String> used = new HashSet<>();

		Reader(Map<String, String> values) {
			this.values = values;
		}

		int integer(String name, int absent) {
			String value = take(name);
			if (value == null) {
				return absent;
			}
			try {
				return Integer.parseInt(value.replace("_", "").replace(",", "").trim());
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + value + "'", ex);
			}
		}

		Duration duration(String name, Duration absent) {
			String value = take(name);
			if (value == null) {
				return absent;
			}
			try {
				return DurationStyle.detectAndParse(value.trim());
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("--" + name + " must be a duration such as 30s, 2m or 500ms, got '"
						+ value + "'", ex);
			}
		}

		Set<Phase> phases() {
			String value = take("phases");
			if (value == null) {
				return EnumSet.allOf(Phase.class);
			}
			Set<Phase> phases = EnumSet.noneOf(Phase.class);
			for (String name : value.split(",")) {
				if (!name.isBlank()) {
					phases.add(Phase.named(name.trim().toLowerCase(Locale.ROOT)));
				}
			}
			if (phases.isEmpty()) {
				throw new IllegalArgumentException("--phases names no phase; use some of " + Phase.names(EnumSet.allOf(Phase.class)));
			}
			return phases;
		}

		void rejectUnknown() {
			for (String name : this.values.keySet()) {
				if (!this.used.contains(name)) {
					throw new IllegalArgumentException("Unknown option --" + name + " (options: jobs, rounds, warmup,"
							+ " phases, producers, concurrency, prefetch, confirm-window, enqueue-jobs, batch, rate,"
							+ " duration, senders, delayed-jobs, delay; and --spring.* for the application)");
				}
			}
		}

		private String take(String name) {
			this.used.add(name);
			return this.values.get(name);
		}

	}

}
