package dev.jobs.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.jobs.JobHandle;
import dev.jobs.JobRequest;
import dev.jobs.JobStatus;
import dev.jobs.Jobs;
import dev.jobs.rabbit.deadletter.DeadLetterHeaders;
import dev.jobs.rabbit.topology.JobsTopology;
import dev.jobs.rabbit.topology.QueueType;

import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault 4: a job that takes its worker JVM down every time it runs ({@code Runtime.halt}), with
 * the worker restarted after each death, as a supervisor would. The crash count must end it in
 * the dead-letter queue as {@code CRASH_LIMIT} after {@code jobs.worker.crash-limit} (3, the
 * default) redelivered runs that never settled, instead of the job killing every worker for
 * ever; and the other jobs, handed back by each death, must all complete, without the broker's
 * delivery limit ending any of them. Their task has no idempotency key, so a
 * job running beside the poison when its worker dies runs again: repeats are printed, not
 * failed on.
 */
class PoisonJobFaultTests {

	private static final int CRASH_LIMIT = 3;

	private static final int OTHER_JOBS = 50;

	/** Long enough for a worker to start and run every job left. */
	private static final Duration LIFE = Duration.ofSeconds(45);

	/**
	 * Above what one death can add to a held job's delivery count. With fewer jobs in the queue
	 * than its consumers' prefetch, the broker hands the jobs a dead connection returns to its
	 * other channels before it closes them, and counts each return: up to one count per consumer
	 * (8 by default) per death, measured up to 4. The default limit of 10 lets one burst pass the
	 * limit before a worker sees the job's last delivery (docs/configuration.md).
	 */
	private static final int DELIVERY_LIMIT = (CRASH_LIMIT + 2) * 8;

	private final FaultNamespace namespace = FaultNamespace.fresh();

	private final List<String> workerProperties = List.of("jobs.worker.crash-limit=" + CRASH_LIMIT,
			"jobs.queues." + this.namespace.queue() + ".delivery-limit=" + DELIVERY_LIMIT);

	@BeforeAll
	static void startBroker() {
		FaultBroker.start();
	}

	@Test
	@Timeout(value = 4, unit = TimeUnit.MINUTES)
	void poisonJobEndsDeadLetteredAtTheCrashLimitAndTheOtherJobsComplete() {
		this.namespace.producer().withPropertyValues(this.workerProperties.toArray(String[]::new)).run((context) -> {
			Jobs jobs = context.getBean(Jobs.class);
			StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
			JobHandle<Object> poison = jobs.enqueue("poison", "poison");
			List<JobHandle<Object>> others = jobs.enqueueAll(IntStream.range(0, OTHER_JOBS)
				.mapToObj((i) -> JobRequest.of("effect", "other-" + i))
				.toList());

			BooleanSupplier settled = () -> poison.status().isTerminal()
					&& others.stream().allMatch((handle) -> handle.status().isTerminal());
			List<String> deaths = new ArrayList<>();
			// Each life either ends in a death or is the last: a worker that lives on while jobs
			// stay unsettled has nothing left to run, and the tally counts what never ended.
			while (!settled.getAsBoolean() && deaths.size() <= CRASH_LIMIT + 2 && superviseOneLife(deaths, settled)) {
				// The next life starts.
			}

			String deadLetterQueue = new JobsTopology(this.namespace.prefix(), QueueType.QUORUM, List::of)
				.deadLetterQueue();
			List<Map<String, Object>> letters = FaultBroker.headersIn(deadLetterQueue);
			long runs = Effects.read(redis, this.namespace, List.of("poison")).total();
			long processed = others.stream().filter((handle) -> handle.status() == JobStatus.SUCCESS).count();
			long duplicated = Effects.read(redis, this.namespace,
					IntStream.range(0, OTHER_JOBS).mapToObj((i) -> "other-" + i).toList()).duplicated();
			System.out.println("fault=poison_job deaths=" + deaths.size() + " poison_runs=" + runs
					+ " poison_status=" + poison.status() + " dead_letters=" + letters.size() + " others_failed="
					+ others.stream().filter((handle) -> handle.status() == JobStatus.FAILURE).count()
					+ " others_pending=" + others.stream().filter((handle) -> handle.status() == JobStatus.PENDING).count());
			FaultTally.of("poison_job", OTHER_JOBS, processed, duplicated).printAndAssertNoLoss();
			assertThat(poison.status()).isEqualTo(JobStatus.FAILURE);
			assertThat(runs).as("runs of the poison job").isEqualTo(CRASH_LIMIT + 1);
			assertThat(letters).singleElement()
				.satisfies((headers) -> assertThat(headers.get(DeadLetterHeaders.REASON)).hasToString("CRASH_LIMIT"))
				.satisfies((headers) -> assertThat(headers.get(DeadLetterHeaders.JOB_ID)).hasToString(poison.id()));
		});
	}

	/**
	 * One life of a supervised worker: start it and wait until the poison job halts it, until
	 * every job is settled, or for {@link #LIFE}.
	 * @return whether the worker died
	 */
	private boolean superviseOneLife(List<String> deaths, BooleanSupplier settled) {
		try (ChildWorker worker = ChildWorker.start(this.namespace, "poison-" + (deaths.size() + 1),
				this.workerProperties)) {
			try {
				await().atMost(LIFE).pollInterval(Duration.ofMillis(200))
					.until(() -> !worker.isAlive() || settled.getAsBoolean());
			}
			catch (org.awaitility.core.ConditionTimeoutException ex) {
				return false;
			}
			if (worker.isAlive()) {
				return false;
			}
			deaths.add(worker.toString());
			return true;
		}
	}

}
