package dev.jobs.benchmarks;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One benchmark run, in one JVM:
 * <ol>
 * <li>starts the application with the starter and a worker on a queue of its own
 * ({@link BenchmarkEnvironment});</li>
 * <li>runs each chosen phase in order: its warm-up rounds, discarded, then its measured
 * rounds; a phase that cannot run here says why and is skipped;</li>
 * <li>deletes every queue and key it created, then prints the table of medians and, last, the
 * {@code RESULT} line.</li>
 * </ol>
 */
public final class Benchmark {

	private Benchmark() {
	}

	/**
	 * Runs the benchmark.
	 * @param options what to run
	 * @param out where progress and the report go
	 * @return the {@code RESULT} line, also printed last
	 * @throws Exception if a phase fails; what the run created is deleted all the same
	 */
	public static String run(BenchmarkOptions options, PrintStream out) throws Exception {
		Report report = new Report();
		report.header("jobs-spring-boot-starter benchmark, " + LocalDate.now() + ", "
				+ Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version"));
		report.header("options: " + options.describe());
		try (BenchmarkEnvironment environment = new BenchmarkEnvironment(options).start()) {
			report.header("RabbitMQ " + environment.admin().version() + ", Redis " + environment.keys().serverVersion()
					+ ", worker queue jobs." + environment.queue());
			out.println("benchmark: " + options.describe());
			for (PhaseRunner runner : runners(environment, options)) {
				try (runner) {
					runPhase(runner, options, report, out);
				}
			}
		}
		report.print(out);
		out.flush();
		return report.resultLine();
	}

	private static List<PhaseRunner> runners(BenchmarkEnvironment environment, BenchmarkOptions options)
			throws Exception {
		List<PhaseRunner> runners = new ArrayList<>();
		for (Phase phase : Phase.values()) {
			if (options.runs(phase)) {
				runners.add(switch (phase) {
					case RAW -> new RawBrokerPhase(environment, options);
					case E2E -> new EndToEndPhase(environment, options);
					case ENQUEUE -> new EnqueuePhase(environment, options);
					case LATENCY -> new LatencyPhase(environment, options);
					case DELAYED -> new DelayedPhase(environment, options);
					case WORKFLOW -> new WorkflowPhase(environment, options);
					case DRAIN -> new DrainPhase(environment, options);
					case DASHBOARD -> new DashboardPhase(environment, options);
				});
			}
		}
		return runners;
	}

	private static void runPhase(PhaseRunner runner, BenchmarkOptions options, Report report, PrintStream out)
			throws Exception {
		String phase = runner.phase().label();
		Optional<String> skip = runner.skipReason();
		if (skip.isPresent()) {
			String line = phase + ": skipped: " + skip.get();
			out.println(line);
			report.note(line);
			return;
		}
		for (int i = 1; i <= options.warmup(); i++) {
			out.println(phase + ": warm-up " + i + "/" + options.warmup() + " (discarded) " + describe(runner.round()));
		}
		for (int i = 1; i <= options.rounds(); i++) {
			List<Metric> metrics = runner.round();
			report.add(runner.phase(), metrics);
			out.println(phase + ": round " + i + "/" + options.rounds() + " " + describe(metrics));
		}
		runner.notes().forEach(report::note);
	}

	private static String describe(List<Metric> metrics) {
		return metrics.stream()
			.map((metric) -> metric.key() + "=" + String.format(Locale.ROOT, "%.2f", metric.value()))
			.collect(Collectors.joining(" "));
	}

}
