package dev.jobs.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Collects the figures of every measured round and prints them: a table of medians with each
 * round's value, notes, the targets of issue 4 with the run's standing against them, and last a
 * single {@code RESULT} line for scripts.
 */
final class Report {

	private final Map<String, Series> series = new LinkedHashMap<>();

	private final List<String> notes = new ArrayList<>();

	private final List<String> header = new ArrayList<>();

	void header(String line) {
		this.header.add(line);
	}

	void add(Phase phase, List<Metric> metrics) {
		for (Metric metric : metrics) {
			this.series.computeIfAbsent(metric.key(), (key) -> new Series(phase, metric.label(), metric.unit()))
				.values()
				.add(metric.value());
		}
	}

	void note(String line) {
		this.notes.add(line);
	}

	/**
	 * The median of a figure over the measured rounds.
	 * @param key the figure
	 * @return the median, or {@code NaN} if it was not measured
	 */
	double median(String key) {
		Series values = this.series.get(key);
		return (values != null) ? values.median() : Double.NaN;
	}

	/**
	 * The {@code RESULT} line.
	 * @return the line
	 */
	String resultLine() {
		double raw = median("raw_msgs_per_s");
		double e2e = median("e2e_jobs_per_s");
		return "RESULT raw_msgs_per_s=" + whole(raw) + " e2e_jobs_per_s=" + whole(e2e) + " ratio="
				+ decimal(e2e / raw, 3) + " enqueue_p99_ms=" + decimal(median("enqueue_p99_ms"), 2) + " start_p99_ms="
				+ decimal(median("start_p99_ms"), 2) + " drain20k_jobs_per_s=" + whole(median("drain20k_jobs_per_s"))
				+ " drain100k_jobs_per_s=" + whole(median("drain100k_jobs_per_s")) + " drain_warm_jobs_per_s="
				+ whole(median("drain_warm_jobs_per_s")) + " raw_drain_msgs_per_s="
				+ whole(median("raw_drain_msgs_per_s"));
	}

	void print(PrintStream out) {
		out.println();
		this.header.forEach(out::println);
		out.println();
		String format = "%-8s %-48s %12s  %-7s %s%n";
		out.printf(format, "phase", "figure", "median", "unit", "rounds");
		out.printf(format, "-----", "------", "------", "----", "------");
		this.series.forEach((key, values) -> out.printf(format, values.phase().label(), values.label(),
				format(values.median(), values.unit()), values.unit(),
				values.values().stream().map((value) -> format(value, values.unit())).collect(Collectors.joining(" "))));
		out.println();
		this.notes.forEach(out::println);
		out.println();
		out.println("Targets (issue 4):");
		target(out, "e2e / raw", median("e2e_jobs_per_s") / median("raw_msgs_per_s"), ">= 0.80", 0.8, true);
		target(out, "bulk enqueue / raw publish", median("enqueue_bulk_per_s") / median("raw_publish_per_s"),
				">= 0.90", 0.9, true);
		target(out, "(bulk enqueue / raw publish, 1 thread)",
				median("enqueue_bulk_per_s") / median("raw_publish_1_per_s"), ">= 0.90", 0.9, true);
		target(out, "bulk, 10 × batch / raw publish",
				median("enqueue_big_bulk_per_s") / median("raw_publish_per_s"), ">= 0.90", 0.9, true);
		target(out, "(bulk, 10 × batch / raw publish, 1 thread)",
				median("enqueue_big_bulk_per_s") / median("raw_publish_1_per_s"), ">= 0.90", 0.9, true);
		target(out, "threads × enqueueAsync / raw publish",
				median("enqueue_async_per_s") / median("raw_publish_per_s"), ">= 0.70", 0.7, true);
		target(out, "threads × blocking enqueue / raw publish",
				median("enqueue_multi_per_s") / median("raw_publish_per_s"), ">= 0.70", 0.7, true);
		target(out, "enqueue → start p99 (ms)", median("start_p99_ms"), "<= 25", 25, false);
		target(out, "heap change with delayed jobs (%)", Math.abs(median("heap_change_pct")), "<= 10", 10, false);
		target(out, "Redis script calls per job", median("redis_scripts_per_job"), "<= 1", 1, false);
		out.println("Targets (issue 20):");
		target(out, "fresh worker drain, 20k (jobs/s)", median("drain20k_jobs_per_s"), ">= 33000", 33_000, true);
		target(out, "fresh worker drain, 100k (jobs/s)", median("drain100k_jobs_per_s"), ">= 37000", 37_000, true);
		target(out, "warm worker drain (jobs/s)", median("drain_warm_jobs_per_s"), ">= 45000", 45_000, true);
		out.println();
		out.println(resultLine());
	}

	private static void target(PrintStream out, String what, double value, String goal, double limit,
			boolean atLeast) {
		String verdict = Double.isNaN(value) ? "not measured"
				: ((atLeast ? value >= limit : value <= limit) ? "met" : "NOT met");
		out.printf("  %-40s %10s  target %-8s %s%n", what, Double.isNaN(value) ? "-" : decimal(value, 2), goal,
				verdict);
	}

	private static String format(double value, String unit) {
		return switch (unit) {
			case "msgs/s", "jobs/s", "µs" -> whole(value);
			case "load" -> decimal(value, 2);
			case "ms", "MiB", "%" -> decimal(value, 2);
			default -> decimal(value, 3);
		};
	}

	private static String whole(double value) {
		return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.0f", value);
	}

	private static String decimal(double value, int places) {
		return (Double.isNaN(value) || Double.isInfinite(value)) ? "n/a"
				: String.format(Locale.ROOT, "%." + places + "f", value);
	}

	private record Series(Phase phase, String label, String unit, List<Double> values) {

		Series(Phase phase, String label, String unit) {
			this(phase, label, unit, new ArrayList<>());
		}

		double median() {
			List<Double> sorted = this.values.stream().sorted().toList();
			int size = sorted.size();
			if (size == 0) {
				return Double.NaN;
			}
			return (size % 2 == 1) ? sorted.get(size / 2) : (sorted.get(size / 2 - 1) + sorted.get(size / 2)) / 2;
		}

	}

}
