package dev.jobs.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.jobs.JobHandle;
import dev.jobs.JobRequest;
import dev.jobs.JobStatus;
import dev.jobs.Jobs;

import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault 1: the worker JVM is killed with SIGKILL while it runs jobs, five times, and a new one
 * started each time. Every accepted job must still complete, and each job's effect, guarded by
 * its idempotency key, must happen once.
 */
class WorkerKillFaultTests {

	private static final int JOBS = 2000;

	private static final int KILLS = 5;

	/** The workers' consumers per JVM. */
	private static final int CONCURRENCY = 8;

	/** How many effects each worker makes before it is killed: it is mid-stream by then. */
	private static final int EFFECTS_PER_LIFE = JOBS / (KILLS + 2);

	private final FaultNamespace namespace = FaultNamespace.fresh();

	/** A short lease, so that the jobs of a dead worker's claims run again soon. */
	private final List<String> workerProperties = List.of("jobs.idempotency.lease=3s",
			"jobs.idempotency.retry-after=1s", "jobs.queues." + this.namespace.queue() + ".concurrency=" + CONCURRENCY);

	@BeforeAll
	static void startBroker() {
		FaultBroker.start();
	}

	@Test
	@Timeout(value = 6, unit = TimeUnit.MINUTES)
	void everyJobCompletesAndEachEffectHappensOnceThroughFiveKills() {
		this.namespace.producer().withPropertyValues(this.workerProperties.toArray(String[]::new)).run((context) -> {
			Jobs jobs = context.getBean(Jobs.class);
			StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
			List<String> keys = IntStream.range(0, JOBS).mapToObj((i) -> "job-" + i).toList();
			List<JobHandle<Object>> handles = enqueue(jobs, keys);
			Set<Long> killed = new HashSet<>();

			for (int life = 1; life <= KILLS; life++) {
				long before = Effects.read(redis, this.namespace, keys).total();
				try (ChildWorker worker = ChildWorker.start(this.namespace, "kill-" + life, this.workerProperties)) {
					await().atMost(Duration.ofMinutes(2))
						.until(() -> Effects.read(redis, this.namespace, keys).total() >= before + EFFECTS_PER_LIFE);
					worker.kill();
					killed.add(worker.pid());
				}
			}
			try (ChildWorker last = ChildWorker.start(this.namespace, "kill-survivor", this.workerProperties)) {
				awaitCompletion(handles);
			}
			long processed = handles.stream().filter((handle) -> handle.status() == JobStatus.SUCCESS).count();
			Effects effects = Effects.read(redis, this.namespace, keys);
			FaultTally.of("worker_sigkill", handles.size(), processed, effects.duplicated()).printAndAssertNoLoss();
			assertOnlyTheDocumentedWindowRepeats(redis, effects.duplicatedKeys(keys), killed);
		});
	}

	/**
	 * The one repeat an idempotency key does not prevent (docs/exactly-once.md, section 11): a
	 * worker killed after the task's effect and before the result is stored under the key
	 * leaves a claim that runs out, and the next delivery runs the task again. Every repeated
	 * effect must be that one: made twice, first by a worker that was then killed. A repeat
	 * made by a worker that lived, or a third effect, is a bug. The key's result is stored on the
	 * consumer's thread before it takes another job, so each consumer of a killed worker can
	 * leave at most the one job it was finishing: more repeats than consumers per kill is a bug.
	 */
	private void assertOnlyTheDocumentedWindowRepeats(StringRedisTemplate redis, List<String> repeated,
			Set<Long> killed) {
		Map<Long, Integer> repeatsByKilledWorker = new HashMap<>();
		for (String key : repeated) {
			List<Long> pids = Effects.madeBy(redis, this.namespace, key);
			assertThat(pids).as("the workers that made the effect of %s", key).hasSize(2);
			assertThat(killed).as("the effects of %s were made by %s", key, pids).contains(pids.get(0));
			repeatsByKilledWorker.merge(pids.get(0), 1, Integer::sum);
		}
		System.out.println("fault=worker_sigkill repeats_by_killed_worker=" + repeatsByKilledWorker.values());
		assertThat(repeatsByKilledWorker.values()).as("repeated effects per killed worker of %d consumers", CONCURRENCY)
			.allSatisfy((repeats) -> assertThat(repeats).isLessThanOrEqualTo(CONCURRENCY));
	}

	private List<JobHandle<Object>> enqueue(Jobs jobs, List<String> keys) {
		List<JobHandle<Object>> handles = new ArrayList<>();
		for (int from = 0; from < keys.size(); from += 100) {
			List<JobRequest> batch = keys.subList(from, Math.min(from + 100, keys.size())).stream()
				.map((key) -> JobRequest.of("guarded-effect", key))
				.toList();
			handles.addAll(jobs.enqueueAll(batch));
		}
		return handles;
	}

	/** Waits until no job is left unfinished, or gives up and lets the tally count the rest. */
	private void awaitCompletion(List<JobHandle<Object>> handles) {
		try {
			await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
				.until(() -> handles.stream().allMatch((handle) -> handle.status().isTerminal()));
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			// Reported as lost below, with the numbers.
		}
	}

}
