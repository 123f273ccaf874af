package dev.jobs.exactlyonce;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.BackgroundTask;
import dev.jobs.JobHandle;
import dev.jobs.JobLock;
import dev.jobs.JobLocks;
import dev.jobs.JobOptions;
import dev.jobs.JobRequest;
import dev.jobs.JobSnapshot;
import dev.jobs.JobStatus;
import dev.jobs.Jobs;
import dev.jobs.JobsContextRunner;
import dev.jobs.LocalBroker;
import dev.jobs.OnLocked;
import dev.jobs.core.port.IdempotencyClaim;
import dev.jobs.core.port.IdempotencyStore;
import dev.jobs.core.port.LockStore;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Idempotency keys, locks and unique jobs against the real RabbitMQ and Redis, observed as a user
 * would: how often a task ran, what each job's record says, which job an enqueue returned.
 */
class ExactlyOnceIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final JobsContextRunner jobs = new JobsContextRunner();

	@AfterEach
	void cleanUp() {
		this.jobs.cleanUp();
	}

	@Test
	void fiftyJobsWithOneIdempotencyKeyRunOnceAndAllEndWithItsResult() {
		worker().run((context) -> {
			Tasks tasks = context.getBean(Tasks.class);
			List<JobRequest> copies = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				copies.add(JobRequest.of("charge", "order-42", 1999));
			}
			List<JobHandle<Object>> handles = context.getBean(Jobs.class).enqueueAll(copies);

			List<Object> results = handles.stream().map((handle) -> handle.await(TIMEOUT)).toList();
			assertThat(tasks.charges.get()).isOne();
			assertThat(results).hasSize(50).containsOnly("charged order-42 1999");
			List<JobSnapshot<Object>> snapshots = handles.stream().map(JobHandle::snapshot).toList();
			assertThat(snapshots).allSatisfy((snapshot) -> assertThat(snapshot.status()).isEqualTo(JobStatus.SUCCESS));
			List<JobSnapshot<Object>> deduplicated = snapshots.stream()
				.filter((snapshot) -> snapshot.deduplicatedFrom() != null)
				.toList();
			assertThat(deduplicated).hasSize(49);
			String ran = snapshots.stream().filter((snapshot) -> snapshot.deduplicatedFrom() == null).findFirst()
				.orElseThrow().id();
			assertThat(deduplicated).allSatisfy((snapshot) -> assertThat(snapshot.deduplicatedFrom()).isEqualTo(ran));
		});
	}

	@Test
	void keyGivenAtEnqueueAndKeyExpressionDeduplicateAcrossDifferentArguments() {
		worker().run((context) -> {
			Tasks tasks = context.getBean(Tasks.class);
			Jobs jobs = context.getBean(Jobs.class);
			JobOptions keyed = JobOptions.defaults().idempotencyKey("payment-7");
			Object first = jobs.with(keyed).enqueue("mail", "alice@example.com").await(TIMEOUT);
			Object second = jobs.with(keyed).enqueue("mail", "bob@example.com").await(TIMEOUT);
			assertThat(first).isEqualTo(second).isEqualTo("mailed alice@example.com");

			jobs.enqueue("ship", "order-9", "first address").await(TIMEOUT);
			Object again = jobs.enqueue("ship", "order-9", "second address").await(TIMEOUT);
			assertThat(again).isEqualTo("shipped order-9 to first address");
			assertThat(tasks.mails.get()).isOne();
			assertThat(tasks.shipments.get()).isOne();
		});
	}

	@Test
	void failedRunReleasesItsKeySoItsRetryRuns() {
		worker().withPropertyValues("jobs.retry.policies.quick.max-attempts=3", "jobs.retry.policies.quick.initial-delay=1s",
				"jobs.retry.policies.quick.jitter=false",
				"jobs.tasks.[flaky-charge].retry=quick")
			.run((context) -> {
				Tasks tasks = context.getBean(Tasks.class);
				Object result = context.getBean(Jobs.class).enqueue("flaky-charge", "order-5").await(TIMEOUT);

				assertThat(result).isEqualTo("charged order-5 on attempt 2");
				assertThat(tasks.flakyRuns.get()).isEqualTo(2);
			});
	}

	/** A worker that died holding a claim: once its lease runs out, the next delivery runs. */
	@Test
	void claimOfADeadWorkerLetsTheNextDeliveryRunOnceItsLeaseRunsOut() {
		worker().run((context) -> {
			Tasks tasks = context.getBean(Tasks.class);
			IdempotencyStore store = context.getBean(IdempotencyStore.class);
			assertThat(store.claim("mail:crash-1", "dead-worker", "job-of-a-dead-worker", Duration.ofSeconds(3)))
				.isInstanceOf(IdempotencyClaim.Claimed.class);

			JobHandle<Object> handle = context.getBean(Jobs.class)
				.with(JobOptions.defaults().idempotencyKey("crash-1"))
				.enqueue("mail", "carol@example.com");
			await().atMost(TIMEOUT).until(() -> handle.status() == JobStatus.DEFERRED);
			assertThat(handle.snapshot().reason()).isEqualTo("idempotency_key_in_use");
			assertThat(tasks.mails.get()).isZero();

			assertThat(handle.await(TIMEOUT)).isEqualTo("mailed carol@example.com");
			assertThat(tasks.mails.get()).isOne();
			assertThat(store.renew("mail:crash-1", "dead-worker", Duration.ofSeconds(3))).isFalse();
		});
	}

	/**
	 * The worker's connection is cut while the task runs: the broker redelivers the job at once,
	 * and without a key it would run twice (WorkerFaultIntegrationTests). With one, the
	 * redelivery finds the key held by the run still going, waits deferred, and ends with its
	 * result: the effect happens once.
	 */
	@Test
	void connectionCutMidRunDoesNotRepeatTheEffect() {
		worker().run((context) -> {
			Tasks tasks = context.getBean(Tasks.class);
			JobHandle<Object> handle = context.getBean(Jobs.class).enqueue("refund", "order-77");
			await().atMost(TIMEOUT).until(() -> tasks.refundCalls.get() == 1);

			assertThat(LocalBroker.closeConnectionsNamed("jobs-worker")).isPositive();
			await().atMost(TIMEOUT).until(() -> handle.status() == JobStatus.DEFERRED);
			tasks.refundGate.countDown();

			assertThat(handle.await(TIMEOUT)).isEqualTo("refunded order-77");
			assertThat(tasks.refundCalls.get()).isOne();
			assertThat(tasks.refunds).containsExactly(Map.entry("order-77", 1));
		});
	}

	@Test
	void lockIsReleasedOnlyByItsOwner() {
		worker().run((context) -> {
			LockStore store = context.getBean(LockStore.class);
			assertThat(store.acquire("report:7", "owner-a", Duration.ofSeconds(30))).isTrue();
			assertThat(store.acquire("report:7", "owner-b", Duration.ofSeconds(30))).isFalse();

			assertThat(store.release("report:7", "owner-b")).isFalse();
			assertThat(store.renew("report:7", "owner-b", Duration.ofSeconds(30))).isFalse();
			assertThat(store.holder("report:7")).contains("owner-a");
			assertThat(store.release("report:7", "owner-a")).isTrue();
			assertThat(store.holder("report:7")).isEmpty();
		});
	}

	@Test
	void jobLocksAreRenewedWhileHeldAndFreeOnceClosed() throws Exception {
		worker().run((context) -> {
			JobLocks locks = context.getBean(JobLocks.class);
			try (JobLock lock = locks.acquire("export:3", Duration.ofSeconds(1))) {
				// Three leases later the renewals still hold it.
				await().pollDelay(Duration.ofSeconds(3)).atMost(TIMEOUT).until(lock::isHeld);
				assertThat(locks.tryAcquire("export:3", Duration.ofSeconds(1))).isEmpty();
			}
			Optional<JobLock> next = locks.tryAcquire("export:3", Duration.ofSeconds(1));
			assertThat(next).isPresent();
			next.get().close();
		});
	}

	/** The lease is a third of the job's run time: renewals alone keep the two jobs apart. */
	@Test
	void lockedTaskNeverRunsTwiceAtOnceEvenWhenItRunsThreeTimesItsLease() {
		worker().withPropertyValues("jobs.queues." + this.jobs.queue() + ".concurrency=4",
				"jobs.locks.retry-after=1s")
			.run((context) -> {
				Tasks tasks = context.getBean(Tasks.class);
				Jobs jobs = context.getBean(Jobs.class);
				JobHandle<Object> first = jobs.enqueue("sync", "user-1", 3000L);
				await().atMost(TIMEOUT).until(() -> tasks.syncing.get() == 1);
				JobHandle<Object> second = jobs.enqueue("sync", "user-1", 10L);

				await().atMost(TIMEOUT).until(() -> second.status() == JobStatus.DEFERRED);
				assertThat(second.snapshot().reason()).isEqualTo("lock_held");
				first.await(TIMEOUT);
				second.await(TIMEOUT);
				assertThat(tasks.mostSyncingAtOnce.get()).isOne();
				assertThat(tasks.syncs.get()).isEqualTo(2);
			});
	}

	@Test
	void lockedTaskThatSkipsEndsSkippedWhileAnotherHoldsTheLock() {
		worker().withPropertyValues("jobs.queues." + this.jobs.queue() + ".concurrency=4",
				"jobs.tasks.sync.on-locked=skip")
			.run((context) -> {
				Tasks tasks = context.getBean(Tasks.class);
				Jobs jobs = context.getBean(Jobs.class);
				JobHandle<Object> first = jobs.enqueue("sync", "user-2", 2000L);
				await().atMost(TIMEOUT).until(() -> tasks.syncing.get() == 1);

				JobHandle<Object> skipped = jobs.enqueue("sync", "user-2", 10L);
				await().atMost(TIMEOUT).until(() -> skipped.status() == JobStatus.SKIPPED);
				assertThat(skipped.snapshot().reason()).isEqualTo("already_running");
				first.await(TIMEOUT);
				assertThat(tasks.syncs.get()).isOne();
			});
	}

	@Test
	void twentyConcurrentEnqueuesWithOneUniqueKeyMakeOneJobAndTheKeyIsFreeOnceItEnds() throws Exception {
		worker().run((context) -> {
			Jobs jobs = context.getBean(Jobs.class).with(JobOptions.defaults().uniqueKey("report-2026-12"));
			ExecutorService callers = Executors.newFixedThreadPool(20);
			try {
				List<Callable<String>> enqueues = new ArrayList<>();
				for (int i = 0; i < 20; i++) {
					enqueues.add(() -> jobs.enqueue("report", "2026-12").id());
				}
				Set<String> ids = ConcurrentHashMap.newKeySet();
				for (Future<String> id : callers.invokeAll(enqueues)) {
					ids.add(id.get(30, TimeUnit.SECONDS));
				}
				assertThat(ids).hasSize(1);
				JobHandle<Object> handle = jobs.handle(ids.iterator().next());
				assertThat(handle.await(TIMEOUT)).isEqualTo("report 2026-12");

				String next = jobs.enqueue("report", "2026-12").id();
				assertThat(next).isNotIn(ids);
				jobs.handle(next).await(TIMEOUT);
				assertThat(context.getBean(Tasks.class).reports.get()).isEqualTo(2);
			}
			finally {
				callers.shutdownNow();
			}
		});
	}

	private org.springframework.boot.test.context.runner.ApplicationContextRunner worker() {
		return this.jobs.worker()
			.withUserConfiguration(TaskConfiguration.class)
			.withPropertyValues("jobs.idempotency.retry-after=1s", "jobs.idempotency.lease=3s");
	}

	@Configuration(proxyBeanMethods = false)
	static class TaskConfiguration {

		@Bean
		Tasks tasks() {
			return new Tasks();
		}

	}

	static class Tasks {

		final AtomicInteger charges = new AtomicInteger();

		final AtomicInteger mails = new AtomicInteger();

		final AtomicInteger shipments = new AtomicInteger();

		final AtomicInteger flakyRuns = new AtomicInteger();

		final AtomicInteger syncs = new AtomicInteger();

		final AtomicInteger syncing = new AtomicInteger();

		final AtomicInteger mostSyncingAtOnce = new AtomicInteger();

		final AtomicInteger reports = new AtomicInteger();

		final AtomicInteger refundCalls = new AtomicInteger();

		final CountDownLatch refundGate = new CountDownLatch(1);

		/** The effect, recorded under the order: how many refunds each order got. */
		final Map<String, Integer> refunds = new ConcurrentHashMap<>();

		@BackgroundTask(name = "refund", idempotencyKey = "#orderId")
		String refund(String orderId) throws InterruptedException {
			this.refundCalls.incrementAndGet();
			if (!this.refundGate.await(60, TimeUnit.SECONDS)) {
				throw new IllegalStateException("the test never released the refund");
			}
			this.refunds.merge(orderId, 1, Integer::sum);
			return "refunded " + orderId;
		}

		@BackgroundTask(name = "charge", idempotent = true)
		String charge(String orderId, int cents) throws InterruptedException {
			this.charges.incrementAndGet();
			// Long enough that the other copies arrive while it runs.
			Thread.sleep(500);
			return "charged " + orderId + " " + cents;
		}

		@BackgroundTask(name = "mail")
		String mail(String to) {
			this.mails.incrementAndGet();
			return "mailed " + to;
		}

		@BackgroundTask(name = "ship", idempotencyKey = "#orderId")
		String ship(String orderId, String address) {
			this.shipments.incrementAndGet();
			return "shipped " + orderId + " to " + address;
		}

		@BackgroundTask(name = "flaky-charge", idempotent = true)
		String flakyCharge(String orderId) {
			int run = this.flakyRuns.incrementAndGet();
			if (run == 1) {
				throw new IllegalStateException("payment gateway timed out");
			}
			return "charged " + orderId + " on attempt " + run;
		}

		@BackgroundTask(name = "sync", lock = "'sync:' + #userId", lockTimeout = "1s")
		String sync(String userId, long millis) throws InterruptedException {
			int now = this.syncing.incrementAndGet();
			this.mostSyncingAtOnce.accumulateAndGet(now, Math::max);
			try {
				Thread.sleep(millis);
			}
			finally {
				this.syncing.decrementAndGet();
				this.syncs.incrementAndGet();
			}
			return "synced " + userId;
		}

		@BackgroundTask(name = "report")
		String report(String month) throws InterruptedException {
			this.reports.incrementAndGet();
			Thread.sleep(200);
			return "report " + month;
		}

	}

}
