package dev.jobs.benchmarks;

/**
 * Runs the benchmark from the command line:
 *
 * <pre>
 * mvn -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/jobs-benchmarks.jar --jobs=50000 --rounds=3 --rate=1000 --duration=30s
 * </pre>
 *
 * Options are described in {@link BenchmarkOptions} and in {@code docs/benchmarks.md}. Exits
 * with status 0 after printing the {@code RESULT} line, 2 for an unusable option, 1 if the run
 * failed.
 */
public final class BenchmarkApplication {

	private BenchmarkApplication() {
	}

	public static void main(String[] args) {
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

}
