package dev.jobs.benchmarks;

import java.nio.file.Path;
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
 * @param drain what {@code drain} does
 * @param dashboard what {@code dashboard} does
 * @param feature what the {@code e2e} phase's jobs use of the starter's per-job features
 * @param springArgs arguments for the Spring application
 */
public record BenchmarkOptions(int jobs, int rounds, int warmup, Set<Phase> phases, int producers, int concurrency,
		int prefetch, int confirmWindow, int enqueueJobs, int batch, int rate, Duration duration, int senders,
		int delayedJobs, Duration delay, DrainOptions drain, DashboardOptions dashboard, JobFeature feature,
		List<String> springArgs) {

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
				reader.integer("prefetch", defaultPrefetch(concurrency)), reader.integer("confirm-window", 256),
				reader.integer("enqueue-jobs", 10_000), reader.integer("batch", 500), reader.integer("rate", 1_000),
				reader.duration("duration", Duration.ofSeconds(30)), reader.integer("senders", 16),
				reader.integer("delayed-jobs", 100_000), reader.duration("delay", Duration.ofHours(1)),
				reader.drain(), reader.dashboard(), reader.feature(), springArgs);
		reader.rejectUnknown();
		return options;
	}

	/**
	 * The starter's own default prefetch: twice the concurrency, at least 10
	 * ({@code JobsProperties.QueueProperties}).
	 * @param concurrency a queue's concurrency
	 * @return its default prefetch
	 */
	static int defaultPrefetch(int concurrency) {
		return Math.max(10, concurrency * 2);
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
				+ (runs(Phase.DRAIN) ? " " + this.drain.describe() : "")
				+ (runs(Phase.DASHBOARD) ? " " + this.dashboard.describe() : "") + " feature=" + this.feature.optionValue()
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

		JobFeature feature() {
			String value = take("feature");
			return (value != null) ? JobFeature.named(value) : JobFeature.NONE;
		}

		DrainOptions drain() {
			String sizes = take("drain-jobs");
			int small = 20_000;
			int large = 100_000;
			if (sizes != null) {
				String[] parts = sizes.replace("_", "").split(",");
				try {
					small = Integer.parseInt(parts[0].trim());
					large = Integer.parseInt(parts[parts.length - 1].trim());
				}
				catch (NumberFormatException ex) {
					throw new IllegalArgumentException("--drain-jobs must be two whole numbers such as 20000,100000, got '"
							+ sizes + "'", ex);
				}
			}
			String java = take("worker-java");
			String jar = take("worker-jar");
			String jvmOptions = take("worker-jvm-options");
			String workerArgs = take("worker-args");
			return new DrainOptions(small, large, integer("drain-concurrency", 0), integer("drain-prefetch", 0),
					(java != null) ? java : DrainOptions.thisJava(), (jar != null) ? jar : "", words(jvmOptions),
					words(workerArgs));
		}

		DashboardOptions dashboard() {
			return new DashboardOptions(integer("dashboard-records", 1_000_000),
					integer("dashboard-dead-letters", 100_000), integer("dashboard-views", 20));
		}

		private static List<String> words(String value) {
			return (value == null || value.isBlank()) ? List.of() : List.of(value.trim().split("\\s+"));
		}

		void rejectUnknown() {
			for (String name : this.values.keySet()) {
				if (!this.used.contains(name)) {
					throw new IllegalArgumentException("Unknown option --" + name + " (options: jobs, rounds, warmup,"
							+ " phases, producers, concurrency, prefetch, confirm-window, enqueue-jobs, batch, rate,"
							+ " duration, senders, delayed-jobs, delay, drain-jobs, drain-concurrency, drain-prefetch,"
							+ " worker-java, worker-jar, worker-jvm-options, worker-args, dashboard-records,"
							+ " dashboard-dead-letters, dashboard-views, feature; and --spring.* for the"
							+ " application)");
				}
			}
		}

		private String take(String name) {
			this.used.add(name);
			return this.values.get(name);
		}

	}

	/**
	 * What {@code drain} does: how many jobs it fills before each fresh worker starts, and how
	 * that worker process is started.
	 *
	 * @param small jobs of the first fresh-worker drain ({@code drain20k})
	 * @param large jobs of the second fresh-worker drain ({@code drain100k}) and of the warm
	 * drain after it
	 * @param concurrency the worker's consumers, or 0 for the starter's default
	 * @param prefetch the worker's prefetch per consumer, or 0 for the starter's default
	 * @param java the {@code java} launcher of the worker process
	 * @param jar the jar the worker process runs with {@code -jar}, or empty for this JVM's class path
	 * @param jvmOptions options for the worker's JVM, such as {@code -XX:AOTCache=app.aot}
	 * @param workerArgs more arguments for the worker application, such as
	 * {@code --jobs.worker.warm-up=...}
	 */
	public record DrainOptions(int small, int large, int concurrency, int prefetch, String java, String jar,
			List<String> jvmOptions, List<String> workerArgs) {

		public DrainOptions {
			requireAtLeast("drain-jobs", small, 1);
			requireAtLeast("drain-jobs", large, 1);
			requireAtLeast("drain-concurrency", concurrency, 0);
			requireAtLeast("drain-prefetch", prefetch, 0);
			jvmOptions = List.copyOf(jvmOptions);
			workerArgs = List.copyOf(workerArgs);
		}

		static String thisJava() {
			return ProcessHandle.current()
				.info()
				.command()
				.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		}

		String describe() {
			return "drain-jobs=" + this.small + "," + this.large + " drain-concurrency="
					+ ((this.concurrency > 0) ? this.concurrency : "default") + " drain-prefetch="
					+ ((this.prefetch > 0) ? this.prefetch : "default") + " worker-java=" + this.java
					+ (this.jar.isEmpty() ? "" : " worker-jar=" + this.jar) + " worker-jvm-options="
					+ this.jvmOptions + " worker-args=" + this.workerArgs;
		}

	}

	/**
	 * What {@code dashboard} does: how many job records and dead letters it fills before it reads
	 * the dashboard's pages, and how often it reads each page a round.
	 *
	 * @param records job records in Redis, the dead letters' own among them
	 * @param deadLetters jobs that fail for good into the dead-letter queue
	 * @param views requests per page a round, after one that is not counted
	 */
	public record DashboardOptions(int records, int deadLetters, int views) {

		public DashboardOptions {
			requireAtLeast("dashboard-dead-letters", deadLetters, 1);
			requireAtLeast("dashboard-records", records, deadLetters);
			requireAtLeast("dashboard-views", views, 1);
		}

		String describe() {
			return "dashboard-records=" + this.records + " dashboard-dead-letters=" + this.deadLetters
					+ " dashboard-views=" + this.views;
		}

	}

}
