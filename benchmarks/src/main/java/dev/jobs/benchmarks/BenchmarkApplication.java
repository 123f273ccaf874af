package dev.jobs.benchmarks;

/**
 * Runs the benchmark from the command line:
 *
 * <pre>
 * mvn -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/jobs-benchmarks.jar --jobs=50000 --rounds=3 --rate=1000 --duration=30s
 * </pre>
 *
 * Options are described in {@link BenchmarkOptions} and in {@code docs/benchmarks.md}. With
 * {@code drain-worker} as its first argument it is instead the worker process the {@code drain}
 * phase starts ({@link DrainWorker}). Exits
 * with status 0 after printing the {@code RESULT} line, 2 for an unusable option, 1 if the run
 * failed.
 */
public final class BenchmarkApplication {

	private BenchmarkApplication() {
	}

	public static void main(String[] args) {
		if (args.length > 0 && args[0].equals(DrainWorker.COMMAND)) {
			runDrainWorker(java.util.Arrays.copyOfRange(args, 1, args.length));
			return;
		}
		BenchmarkOptions options;
		try {
			options = BenchmarkOptions.parse(args, System.getProperties());
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		int status = 0;
		try {
			Benchmark.run(options, System.out);
		}
		catch (Exception ex) {
			System.err.println("Benchmark failed: " + ex);
			ex.printStackTrace();
			status = 1;
		}
		System.exit(status);
	}

	/** The worker process of the {@code drain} phase, started by the harness (see {@link DrainWorker}). */
	private static void runDrainWorker(String[] args) {
		int status = 0;
		try {
			DrainWorker.run(args);
		}
		catch (Exception ex) {
			System.err.println("Drain worker failed: " + ex);
			ex.printStackTrace();
			status = 1;
		}
		System.exit(status);
	}

}
