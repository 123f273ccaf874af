package dev.jobs.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.jobs.workflow.Signature;
import dev.jobs.workflow.WorkflowHandle;

import static dev.jobs.workflow.Workflows.chord;
import static dev.jobs.workflow.Workflows.sig;

/**
 * A workflow's cost. Each round submits one chord of {@code --jobs} header jobs (each returns its
 * number) and a callback given the list of them, and takes the time from the submission to the
 * callback's result. Against {@code e2e_jobs_per_s} of the same run, the ratio is what a
 * workflow step costs beyond a plain job: its idempotency claim and completion (every workflow
 * job has a key), the script that counts it in its chord, and the plan read once per worker.
 * Redis commands are counted per header job, as in {@code e2e}.
 */
final class WorkflowPhase implements PhaseRunner {

	private final BenchmarkEnvironment environment;

	private final BenchmarkOptions options;

	private Map<String, Long> lastCommands = Map.of();

	WorkflowPhase(BenchmarkEnvironment environment, BenchmarkOptions options) {
		this.environment = environment;
		this.options = options;
	}

	@Override
	public Phase phase() {
		return Phase.WORKFLOW;
	}

	@Override
	public List<Metric> round() throws Exception {
		int count = this.options.jobs();
		List<Signature<Long>> header = new ArrayList<>(count);
		for (int n = 0; n < count; n++) {
			header.add(sig(BenchTasks::step, (long) n));
		}
		RedisCommandStats before = this.environment.keys().commandStats();
		CpuMeter.Reading cpuBefore = CpuMeter.read();
		long start = System.nanoTime();
		WorkflowHandle<Integer> handle = this.environment.jobs().submit(chord(header, sig(BenchTasks::join)));
		long submitted = System.nanoTime();
		int given = handle.await(Duration.ofSeconds(60).plusMillis(count * 10L));
		long end = System.nanoTime();
		CpuMeter.Reading cpuAfter = CpuMeter.read();
		if (given != count) {
			throw new IllegalStateException("workflow: the chord's callback was given " + given + " results, not "
					+ count);
		}
		Map<String, Long> commands = this.environment.keys().commandStats().since(before);
		this.environment.deleteKeys();
		this.lastCommands = commands;
		long total = commands.values().stream().mapToLong(Long::longValue).sum();
		long scripts = commands.getOrDefault("evalsha", 0L) + commands.getOrDefault("eval", 0L);
		List<Metric> metrics = new ArrayList<>(List.of(
				new Metric("workflow_jobs_per_s", "chord: submission → callback's result", "jobs/s",
						count * 1e9 / (end - start)),
				new Metric("workflow_submit_per_s", "chord: plan stored and header published", "jobs/s",
						count * 1e9 / (submitted - start)),
				new Metric("workflow_redis_cmds_per_job", "Redis commands per header job (incl. inside scripts)",
						"cmds", (double) total / count),
				new Metric("workflow_scripts_per_job", "Redis script calls per header job", "calls",
						(double) scripts / count)));
		metrics.addAll(2, cpuAfter.metrics(cpuBefore, count, "workflow", "submission → callback", "application"));
		return metrics;
	}

	@Override
	public List<String> notes() {
		return List.of("workflow: Redis commands in the last round, server-wide: " + this.lastCommands);
	}

}
