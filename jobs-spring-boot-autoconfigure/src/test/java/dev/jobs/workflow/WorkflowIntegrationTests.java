package dev.jobs.workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.BackgroundTask;
import dev.jobs.DiscardJob;
import dev.jobs.JobArgumentsException;
import dev.jobs.JobContext;
import dev.jobs.JobHandle;
import dev.jobs.JobStatus;
import dev.jobs.Jobs;
import dev.jobs.JobsContextRunner;
import dev.jobs.LocalBroker;
import dev.jobs.core.flow.ChordDeadlines;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static dev.jobs.workflow.Workflows.chain;
import static dev.jobs.workflow.Workflows.chord;
import static dev.jobs.workflow.Workflows.group;
import static dev.jobs.workflow.Workflows.sig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Chains, groups, chords and their nesting against the real RabbitMQ and Redis, observed as a
 * user would: what each task was given, how often it ran, what the workflow's handle says.
 */
class WorkflowIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	private final JobsContextRunner jobs = new JobsContextRunner();

	@AfterEach
	void cleanUp() {
		Tasks.reset();
		this.jobs.cleanUp();
	}

	@Test
	void chainPassesEachResultToTheNextStep() {
		worker().run((context) -> {
			WorkflowHandle<String> handle = context.getBean(Jobs.class)
				.submit(chain(sig(Tasks::download, "https://example.com/a.csv"), sig(Tasks::parse),
						sig(Tasks::store, "archive")));

			assertThat(handle.await(TIMEOUT)).isEqualTo("stored 3 rows in archive");
			assertThat(Tasks.PARSED).containsExactly("id,name\n1,ada\n2,grace from https://example.com/a.csv");
			WorkflowSnapshot snapshot = handle.snapshot();
			assertThat(snapshot.status()).isEqualTo(WorkflowStatus.SUCCESS);
			assertThat(snapshot.progress().done()).isEqualTo(3);
			assertThat(snapshot.progress().total()).isEqualTo(3);
		});
	}

	@Test
	void eachSignatureNamesTheJobItBecameSoOneStepCanBeFollowedAlone() {
		worker().run((context) -> {
			Jobs jobs = context.getBean(Jobs.class);
			Signature<Integer> first = sig(Tasks::square, 3);
			Signature<Integer> second = sig(Tasks::square, 3);
			Signature<Integer> twice = sig(Tasks::square, 4);
			WorkflowHandle<List<Integer>> handle = jobs.submit(group(first, second, twice, twice));

			assertThat(handle.jobId(first)).isNotEqualTo(handle.jobId(second));
			assertThat(jobs.handle(handle.jobId(first), Integer.class).await(TIMEOUT)).isEqualTo(9);
			assertThatIllegalArgumentException().isThrownBy(() -> handle.jobId(twice))
				.withMessageContaining("more than once");
			assertThatIllegalArgumentException().isThrownBy(() -> handle.jobId(sig(Tasks::square, 3)))
				.withMessageContaining("holds no such signature");
			assertThatIllegalStateException().isThrownBy(() -> jobs.workflow(handle.id()).jobId(first))
				.withMessageContaining("not returned by its submit");
		});
	}

	@Test
	void groupYieldsResultsInTheOrderGiven() {
		worker().run((context) -> {
			WorkflowHandle<List<Integer>> handle = context.getBean(Jobs.class)
				.submit(group(sig(Tasks::square, 3), sig(Tasks::square, 1), sig(Tasks::square, 2)));

			assertThat(handle.await(TIMEOUT)).containsExactly(9, 1, 4);
		});
	}

	/**
	 * 200 header jobs over two worker instances with four consumers each, so that header jobs end
	 * at the same instant on both: the callback runs once, with the 200 results in header order.
	 * One header job fails once and is retried; it is still counted once.
	 */
	@Test
	void chordOfTwoHundredFiresItsCallbackOnceAcrossTwoWorkers() {
		worker().run((first) -> worker().run((second) -> {
			List<Signature<Integer>> header = new ArrayList<>();
			for (int n = 0; n < 200; n++) {
				header.add(sig(Tasks::squareFailingOnce, n, (n == 17) ? "flaky" : "steady"));
			}
			WorkflowHandle<Integer> handle = first.getBean(Jobs.class).submit(chord(header, sig(Tasks::sum)));

			int expected = 0;
			for (int n = 0; n < 200; n++) {
				expected += n * n;
			}
			assertThat(handle.await(TIMEOUT)).isEqualTo(expected);
			assertThat(Tasks.SUM_CALLS.get()).isOne();
			assertThat(Tasks.SUMMED).hasSize(1);
			List<Integer> given = Tasks.SUMMED.get(0);
			assertThat(given).hasSize(200);
			for (int n = 0; n < 200; n++) {
				assertThat(given.get(n)).isEqualTo(n * n);
			}
			assertThat(Tasks.FLAKY_RUNS.get()).isEqualTo(2);
			assertThat(handle.progress().done()).isEqualTo(201);
		}));
	}

	@Test
	void headerJobThatFailsForGoodRunsOnErrorOnceAndNeverTheCallback() {
		worker().run((context) -> {
			List<Signature<Integer>> header = List.of(sig(Tasks::square, 1), sig(Tasks::reject, 2),
					sig(Tasks::square, 3));
			WorkflowHandle<Integer> handle = context.getBean(Jobs.class)
				.submit(chord(header, sig(Tasks::sum)).onError(sig(Tasks::chordFailed)));

			assertThatExceptionOfType(WorkflowFailedException.class).isThrownBy(() -> handle.await(TIMEOUT))
				.satisfies((ex) -> {
					assertThat(ex.getWorkflowStatus()).isEqualTo(WorkflowStatus.FAILURE);
					assertThat(ex.getFailure().task()).isEqualTo("reject");
					assertThat(ex.getFailure().error().message()).contains("no squares of 2");
				});
			await().atMost(TIMEOUT).until(() -> Tasks.FAILURES.size() == 1);
			WorkflowFailure failure = Tasks.FAILURES.get(0);
			assertThat(failure.workflowId()).isEqualTo(handle.id());
			assertThat(failure.task()).isEqualTo("reject");
			assertThat(failure.error().type()).isEqualTo(DiscardJob.class.getName());
			assertThat(handle.status()).isEqualTo(WorkflowStatus.FAILURE);
			assertThat(Tasks.SUM_CALLS.get()).isZero();
		});
	}

	@Test
	void nestedChordInChainAndGroupInChainProduceTheirValues() {
		worker().run((context) -> {
			Jobs jobs = context.getBean(Jobs.class);
			WorkflowHandle<String> fanOut = jobs.submit(chain(
					chord(List.of(sig(Tasks::square, 2), sig(Tasks::square, 3)), sig(Tasks::sum)),
					sig(Tasks::announce, "ops")));
			WorkflowHandle<String> middle = jobs.submit(chain(sig(Tasks::square, 2),
					group(sig(Tasks::plus, 1), chain(sig(Tasks::plus, 10), sig(Tasks::plus, 100))),
					sig(Tasks::describe)));

			assertThat(fanOut.await(TIMEOUT)).isEqualTo("ops: 13");
			assertThat(middle.await(TIMEOUT)).isEqualTo("[5, 114]");
		});
	}

	@Test
	void chordWhoseHeaderContainsChainsGetsTheirLastResults() {
		worker().run((context) -> {
			WorkflowHandle<Integer> handle = context.getBean(Jobs.class)
				.submit(chord(List.of(chain(sig(Tasks::square, 2), sig(Tasks::plus, 1)), sig(Tasks::square, 4)),
						sig(Tasks::sum)));

			assertThat(handle.await(TIMEOUT)).isEqualTo(5 + 16);
		});
	}

	@Test
	void stepWhoseArgumentsDoNotFitFailsAtSubmission() {
		worker().run((context) -> assertThatExceptionOfType(JobArgumentsException.class)
			.isThrownBy(() -> context.getBean(Jobs.class).submit(chain(sig(Tasks::square, 2),
					sig(Tasks::store, "archive").immutable())))
			.withMessageContaining("'store'"));
	}

	/**
	 * The worker's connection is cut while a header job runs: the broker redelivers it, and it
	 * must count once. Its idempotency key holds the redelivery back while the first run goes on.
	 */
	@Test
	void headerJobRedeliveredAfterAConnectionCutIsCountedOnce() {
		worker().run((context) -> {
			WorkflowHandle<Integer> handle = context.getBean(Jobs.class)
				.submit(chord(List.of(sig(Tasks::square, 5), sig(Tasks::held, 6)), sig(Tasks::sum)));
			await().atMost(TIMEOUT).until(() -> Tasks.HELD_CALLS.get() == 1);

			assertThat(LocalBroker.closeConnectionsNamed("jobs-worker")).isPositive();
			Tasks.GATE.countDown();

			assertThat(handle.await(TIMEOUT)).isEqualTo(25 + 6);
			assertThat(Tasks.SUM_CALLS.get()).isOne();
			assertThat(handle.progress().done()).isEqualTo(3);
		});
	}

	@Test
	void chordDeadlineFailsTheChordWhenAHeaderJobIsHeldBack() {
		worker().run((context) -> {
			WorkflowHandle<Integer> handle = context.getBean(Jobs.class)
				.submit(chord(List.of(sig(Tasks::square, 5), sig(Tasks::held, 6)), sig(Tasks::sum))
					.deadline(Duration.ofSeconds(2))
					.onError(sig(Tasks::chordFailed)));

			assertThatExceptionOfType(WorkflowFailedException.class).isThrownBy(() -> handle.await(TIMEOUT))
				.satisfies((ex) -> assertThat(ex.getFailure().error().type()).isEqualTo("DEADLINE"));
			await().atMost(TIMEOUT).until(() -> Tasks.FAILURES.size() == 1);
			Tasks.GATE.countDown();
			await().atMost(TIMEOUT).until(() -> Tasks.HELD_RETURNS.get() == 1);
			assertThat(Tasks.SUM_CALLS.get()).isZero();
			assertThat(handle.status()).isEqualTo(WorkflowStatus.FAILURE);
		});
	}

	/** A deadline check published early (by hand, or with a forged delay) waits for the plan's deadline. */
	@Test
	void deadlineCheckDeliveredBeforeTheDeadlineWaitsInsteadOfFailingTheChord() {
		worker().run((context) -> {
			Jobs jobs = context.getBean(Jobs.class);
			WorkflowHandle<Integer> handle = jobs
				.submit(chord(List.of(sig(Tasks::square, 5), sig(Tasks::held, 6)), sig(Tasks::sum))
					.deadline(Duration.ofMinutes(10)));
			// The chord is the plan's root, node 0.
			JobHandle<Object> forged = jobs.enqueue(ChordDeadlines.TASK, handle.id(), 0);

			await().atMost(TIMEOUT).until(() -> forged.status() == JobStatus.DEFERRED);
			assertThat(forged.snapshot().reason()).isEqualTo("snoozed");
			assertThat(handle.status()).isEqualTo(WorkflowStatus.RUNNING);
			Tasks.GATE.countDown();
			assertThat(handle.await(TIMEOUT)).isEqualTo(25 + 6);
		});
	}

	@Test
	void chordDeadlineWithPartialResultsRunsTheCallbackWithWhatThereIs() {
		worker().run((context) -> {
			WorkflowHandle<String> handle = context.getBean(Jobs.class)
				.submit(chord(List.of(sig(Tasks::square, 5), sig(Tasks::held, 6)), sig(Tasks::describe))
					.deadline(Duration.ofSeconds(2))
					.allowPartial());

			assertThat(handle.await(TIMEOUT)).isEqualTo("[25, null]");
			Tasks.GATE.countDown();
		});
	}

	@Test
	void progressReportedInsideATaskIsReadThroughItsHandle() {
		worker().run((context) -> {
			var handle = context.getBean(Jobs.class).enqueue(Tasks::count, 500);

			assertThat(handle.await(TIMEOUT)).isEqualTo(500);
			assertThat(handle.progress().done()).isEqualTo(500);
			assertThat(handle.progress().total()).isEqualTo(500);
			assertThat(handle.progress().message()).isEqualTo("counted 500");
		});
	}

	private ApplicationContextRunner worker() {
		return this.jobs.worker()
			.withUserConfiguration(TaskConfiguration.class)
			.withPropertyValues("jobs.queues." + this.jobs.queue() + ".concurrency=4",
					"jobs.retry.default.initial-delay=1s", "jobs.retry.default.jitter=false",
					"jobs.idempotency.retry-after=1s");
	}

	@Configuration(proxyBeanMethods = false)
	static class TaskConfiguration {

		@Bean
		Tasks tasks() {
			return new Tasks();
		}

	}

	static class Tasks {

		static final List<String> PARSED = new CopyOnWriteArrayList<>();

		static final AtomicInteger SUM_CALLS = new AtomicInteger();

		static final List<List<Integer>> SUMMED = new CopyOnWriteArrayList<>();

		static final AtomicInteger FLAKY_RUNS = new AtomicInteger();

		static final List<WorkflowFailure> FAILURES = new CopyOnWriteArrayList<>();

		static final AtomicInteger HELD_CALLS = new AtomicInteger();

		static final AtomicInteger HELD_RETURNS = new AtomicInteger();

		static volatile CountDownLatch GATE = new CountDownLatch(1);

		static final Set<String> FAILED_ONCE = ConcurrentHashMap.newKeySet();

		static void reset() {
			PARSED.clear();
			SUM_CALLS.set(0);
			SUMMED.clear();
			FLAKY_RUNS.set(0);
			FAILURES.clear();
			HELD_CALLS.set(0);
			HELD_RETURNS.set(0);
			GATE.countDown();
			GATE = new CountDownLatch(1);
			FAILED_ONCE.clear();
		}

		@BackgroundTask(name = "download")
		String download(String url) {
			return "id,name\n1,ada\n2,grace from " + url;
		}

		@BackgroundTask(name = "parse")
		List<String> parse(String content) {
			PARSED.add(content);
			return List.of(content.split("\n"));
		}

		@BackgroundTask(name = "store")
		String store(List<String> rows, String table) {
			return "stored " + rows.size() + " rows in " + table;
		}

		@BackgroundTask(name = "square")
		int square(int n) {
			return n * n;
		}

		@BackgroundTask(name = "plus")
		int plus(int n, int more) {
			return n + more;
		}

		@BackgroundTask(name = "square-failing-once")
		int squareFailingOnce(int n, String kind) {
			if (kind.equals("flaky")) {
				FLAKY_RUNS.incrementAndGet();
				if (FAILED_ONCE.add(kind + n)) {
					throw new IllegalStateException("first attempt of " + n + " fails");
				}
			}
			return n * n;
		}

		@BackgroundTask(name = "reject")
		int reject(int n) {
			throw new DiscardJob("no squares of " + n);
		}

		@BackgroundTask(name = "held")
		int held(int n) throws InterruptedException {
			HELD_CALLS.incrementAndGet();
			GATE.await(60, TimeUnit.SECONDS);
			HELD_RETURNS.incrementAndGet();
			return n;
		}

		@BackgroundTask(name = "sum")
		int sum(List<Integer> values) {
			SUM_CALLS.incrementAndGet();
			SUMMED.add(values);
			return values.stream().mapToInt(Integer::intValue).sum();
		}

		@BackgroundTask(name = "describe")
		String describe(List<Integer> values) {
			return String.valueOf(values);
		}

		@BackgroundTask(name = "announce")
		String announce(int total, String channel) {
			return channel + ": " + total;
		}

		@BackgroundTask(name = "chord-failed")
		void chordFailed(WorkflowFailure failure) {
			FAILURES.add(failure);
		}

		@BackgroundTask(name = "count")
		int count(int upTo) {
			for (int n = 1; n <= upTo; n++) {
				JobContext.current().progress(n, upTo, "counted " + n);
			}
			return upTo;
		}

	}

}
