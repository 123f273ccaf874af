package dev.jobs.scaling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import dev.jobs.JobStatus;
import dev.jobs.Jobs;
import dev.jobs.workflow.Signature;
import dev.jobs.workflow.WorkflowHandle;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static dev.jobs.workflow.Workflows.chord;
import static dev.jobs.workflow.Workflows.sig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole application scaled out: three instances against a 3-node RabbitMQ cluster and a
 * Redis Cluster of three masters with a replica each, all started by the suite on 127.0.0.1.
 * First the throughput of that set-up against three instances on the single RabbitMQ node and
 * Redis, same run, reported and not asserted; then 5,000 jobs of every kind (plain, guarded by
 * an idempotency key, delayed, retried, rate-limited, two chords and a schedule firing every
 * second) while the RabbitMQ node holding the job queue's leader is killed and restarted, then a
 * Redis master: every accepted job must complete, no guarded effect may happen twice, each chord
 * fires once, and no slot of the schedule becomes two jobs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterScalingTests {

	private static final int INSTANCES = 3;

	private static final int JOBS = 5_000;

	private static final int THROUGHPUT_JOBS = 3_000;

	private static RabbitClusterNodes rabbit;

	private static RedisClusterNodes redis;

	@BeforeAll
	static void startClusters() {
		rabbit = RabbitClusterNodes.start();
		redis = RedisClusterNodes.start();
	}

	/**
	 * Stops the clusters this case broke, so the next class starts fresh ones: on the RabbitMQ
	 * cluster left behind (a node killed and restarted, then holding most new leaders), killing
	 * that node again stalled delayed jobs in RabbitClusterScalingTests, an open problem
	 * (docs/scaling.md) that this suite does not hide by sharing clusters.
	 */
	@AfterAll
	static void stopClusters() {
		rabbit.close();
		redis.close();
	}

	@Test
	@Order(1)
	@Timeout(value = 3, unit = TimeUnit.MINUTES)
	void throughputOfThreeInstancesOnClustersAgainstSingleNodes() {
		ScalingNamespace single = new ScalingNamespace();
		double singleRate = throughput(single, single.onSingleNodes());
		ScalingNamespace clustered = new ScalingNamespace();
		double clusterRate = throughput(clustered, clustered.onClusters(rabbit.addresses(), redis.nodes()));
		System.out.printf("scaling=throughput instances=%d jobs=%d single_jobs_per_s=%.0f cluster_jobs_per_s=%.0f"
				+ " cluster_vs_single=%.2f%n", INSTANCES, THROUGHPUT_JOBS, singleRate, clusterRate,
				clusterRate / singleRate);
		assertThat(clusterRate).isPositive();
	}

	/**
	 * Three instances, each enqueuing a third of the jobs from four threads: jobs per second from
	 * the first enqueue to the last run.
	 */
	private static double throughput(ScalingNamespace namespace, ApplicationContextRunner runner) {
		double[] rate = new double[1];
		runInstances(runner, (instances) -> {
			long started = System.nanoTime();
			List<Thread> producers = new ArrayList<>();
			for (int t = 0; t < INSTANCES * 4; t++) {
				Jobs jobs = instances.get(t % INSTANCES).getBean(Jobs.class);
				Thread producer = new Thread(() -> {
					for (int i = 0; i < THROUGHPUT_JOBS / (INSTANCES * 4); i++) {
						jobs.enqueue("noop");
					}
				});
				producer.start();
				producers.add(producer);
			}
			awaitUntil(Duration.ofMinutes(2), () -> namespace.effects().count("noop") >= THROUGHPUT_JOBS);
			rate[0] = THROUGHPUT_JOBS / ((System.nanoTime() - started) / 1e9);
			producers.forEach(ClusterScalingTests::join);
		});
		return rate[0];
	}

	@Test
	@Order(2)
	@Timeout(value = 6, unit = TimeUnit.MINUTES)
	void everyAcceptedJobCompletesWhileARabbitNodeAndARedisMasterDie() {
		ScalingNamespace namespace = new ScalingNamespace();
		runInstances(namespace.onClusters(rabbit.addresses(), redis.nodes()), (instances) -> {
			List<MixedLoad> loads = new ArrayList<>();
			for (int i = 0; i < INSTANCES; i++) {
				loads.add(MixedLoad.start(instances.get(i).getBean(Jobs.class), "i" + i, JOBS / INSTANCES));
			}
			Jobs jobs = instances.get(0).getBean(Jobs.class);
			WorkflowHandle<Integer> before = jobs.submit(chord(header(40), sig(ScalingTasks::total, "chord-before")));
			WorkflowHandle<Integer> during = null;
			try {
				awaitAccepted(loads, JOBS / 5);
				int rabbitNode = RabbitClusterNodes.nodeNumber(rabbit.leaderOf(namespace.prefix() + "." + namespace.queue()));
				rabbit.kill(rabbitNode);
				during = jobs.submit(chord(header(40), sig(ScalingTasks::total, "chord-during")));
				awaitAccepted(loads, 2 * JOBS / 5);
				rabbit.restart(rabbitNode);

				awaitAccepted(loads, 3 * JOBS / 5);
				int master = redis.killMaster(redis.masterOf(namespace.queue()));
				// A master without persistence that comes back before its replica took over
				// still claims its slots, empty, and its replica copies the emptiness: a
				// restart waits for the failover, as an operator's must (docs/scaling.md).
				awaitUntil(Duration.ofMinutes(1), () -> redis.masterOf(namespace.queue()) != master);
				awaitAccepted(loads, 4 * JOBS / 5);
				redis.restart(master);
				awaitUntil(Duration.ofMinutes(2), () -> loads.stream().allMatch(MixedLoad::done));
			}
			finally {
				loads.forEach(MixedLoad::close);
			}

			List<MixedLoad.Accepted> accepted = loads.stream().flatMap((load) -> load.accepted().stream()).toList();
			ScalingTasks.Effects effects = namespace.effects();
			awaitUntil(Duration.ofMinutes(2), () -> accepted.stream().allMatch((job) -> effects.count(job.key()) > 0));
			awaitUntil(Duration.ofMinutes(1),
					() -> accepted.stream().allMatch((job) -> job.handle().status() == JobStatus.SUCCESS));
			long lost = accepted.stream().filter((job) -> effects.count(job.key()) == 0).count();
			Map<JobStatus, Long> notSucceeded = accepted.stream()
				.map((job) -> job.handle().status())
				.filter((status) -> status != JobStatus.SUCCESS)
				.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
			long withoutRecord = notSucceeded.values().stream().mapToLong(Long::longValue).sum();
			long duplicated = accepted.stream().filter((job) -> job.guarded() && effects.count(job.key()) > 1).count();
			long repeated = accepted.stream().filter((job) -> !job.guarded() && effects.count(job.key()) > 1).count();
			long refused = loads.stream().mapToLong(MixedLoad::refused).sum();
			System.out.println("scaling=rabbit_node_then_redis_master accepted=" + accepted.size() + " refused="
					+ refused + " lost=" + lost + " without_record=" + withoutRecord + " duplicated_effects="
					+ duplicated + " at_least_once_repeats=" + repeated + " slots=" + effects.slotsEnqueued()
					+ " slots_enqueued_twice=" + effects.slotsEnqueuedTwice() + " not_succeeded=" + notSucceeded);

			assertThat(loads).allSatisfy((load) -> assertThat(load.unexpected()).isEmpty());
			assertThat(lost).as("accepted jobs whose effect never happened").isZero();
			assertThat(withoutRecord).as("accepted jobs without a SUCCESS record").isZero();
			assertThat(duplicated).as("guarded effects that happened twice").isZero();
			assertThat(before.await(Duration.ofMinutes(1))).isEqualTo(sumOfSquares(40));
			assertThat(during.await(Duration.ofMinutes(1))).isEqualTo(sumOfSquares(40));
			assertThat(effects.count("chord-before")).as("runs of the first chord's callback").isOne();
			assertThat(effects.count("chord-during")).as("runs of the second chord's callback").isOne();
			assertThat(effects.slotsEnqueued()).as("slots of the schedule").isPositive();
			assertThat(effects.slotsEnqueuedTwice()).as("slots that became two jobs").isZero();
		});
	}

	private static List<Signature<Integer>> header(int size) {
		List<Signature<Integer>> header = new ArrayList<>();
		for (int n = 0; n < size; n++) {
			header.add(sig(ScalingTasks::square, n));
		}
		return header;
	}

	private static int sumOfSquares(int size) {
		int sum = 0;
		for (int n = 0; n < size; n++) {
			sum += n * n;
		}
		return sum;
	}

	private static void awaitAccepted(List<MixedLoad> loads, int total) {
		awaitUntil(Duration.ofMinutes(2),
				() -> loads.stream().mapToInt(MixedLoad::acceptedCount).sum() >= total
						|| loads.stream().allMatch(MixedLoad::done));
	}

	/** Waits for a condition; a timeout is not a failure of its own, the tally counts it. */
	private static void awaitUntil(Duration atMost, BooleanSupplier condition) {
		try {
			await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(condition::getAsBoolean);
		}
		catch (ConditionTimeoutException ex) {
			// Counted by the assertions that follow, with the numbers.
		}
	}

	private static void join(Thread thread) {
		try {
			thread.join(TimeUnit.MINUTES.toMillis(1));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Starts the instances one inside the other, so that all run at once, and stops them after. */
	private static void runInstances(ApplicationContextRunner runner,
			java.util.function.Consumer<List<AssertableApplicationContext>> body) {
		List<AssertableApplicationContext> instances = new ArrayList<>();
		nest(runner, instances, body);
	}

	private static void nest(ApplicationContextRunner runner, List<AssertableApplicationContext> instances,
			java.util.function.Consumer<List<AssertableApplicationContext>> body) {
		if (instances.size() == INSTANCES) {
			body.accept(instances);
			return;
		}
		runner.run((context) -> {
			assertThat(context).hasNotFailed();
			instances.add(context);
			nest(runner, instances, body);
		});
	}

}
