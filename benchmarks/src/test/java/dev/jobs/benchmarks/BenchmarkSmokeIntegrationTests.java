package dev.jobs.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the harness from rotting: every phase runs once on a few jobs against the local
 * RabbitMQ and Redis. Nothing here judges speed; the benchmark only has to complete and print
 * its {@code RESULT} line with positive figures.
 */
class BenchmarkSmokeIntegrationTests {

	private static final Pattern RESULT = Pattern.compile("RESULT raw_msgs_per_s=(\\S+) e2e_jobs_per_s=(\\S+)"
			+ " ratio=(\\S+) enqueue_p99_ms=(\\S+) start_p99_ms=(\\S+) drain20k_jobs_per_s=(\\S+)"
			+ " drain100k_jobs_per_s=(\\S+) drain_warm_jobs_per_s=(\\S+) raw_drain_msgs_per_s=(\\S+)");

	@Test
	void everyPhaseCompletesAndTheLastLineIsAResultWithPositiveFigures() throws Exception {
		BenchmarkOptions options = BenchmarkOptions.parse(new String[] { "--jobs=500", "--rounds=1", "--warmup=0",
				"--enqueue-jobs=500", "--batch=100", "--rate=200", "--duration=2s", "--delayed-jobs=500",
				// Not the 1-hour delay level, which DelayedJobIntegrationTests counts and purges.
				"--delay=10m",
				// Two fresh worker processes on a few hundred jobs each, so that the drain phase cannot rot.
				"--drain-jobs=200,300",
				// A few records and dead letters, one view of each page.
				"--dashboard-records=300", "--dashboard-dead-letters=30", "--dashboard-views=1",
				"--phases=raw,e2e,enqueue,latency,delayed,workflow,drain,dashboard" }, new Properties());
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();

		String returned = Benchmark.run(options, new PrintStream(buffer, true, StandardCharsets.UTF_8));

		List<String> lines = buffer.toString(StandardCharsets.UTF_8).lines().toList();
		String last = lines.get(lines.size() - 1);
		assertThat(last).isEqualTo(returned);
		Matcher result = RESULT.matcher(last);
		assertThat(result.matches()).as(last).isTrue();
		for (int group = 1; group <= result.groupCount(); group++) {
			assertThat(Double.parseDouble(result.group(group))).as(last).isPositive();
		}
	}

}
