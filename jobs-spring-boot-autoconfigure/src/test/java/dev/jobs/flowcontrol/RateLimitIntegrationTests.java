package dev.jobs.flowcontrol;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.BackgroundTask;
import dev.jobs.JobHandle;
import dev.jobs.JobRequest;
import dev.jobs.JobStatus;
import dev.jobs.Jobs;
import dev.jobs.JobsContextRunner;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A global rate limit holds across two worker instances, per key where the task says so, and a
 * job over the rate waits deferred, without spending an attempt.
 */
class RateLimitIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	/** Start times, shared by the tasks of both instances. */
	private static final List<Start> STARTS = new CopyOnWriteArrayList<>();

	private final JobsContextRunner jobs = new JobsContextRunner();

	@AfterEach
	void cleanUp() {
		STARTS.clear();
		this.jobs.cleanUp();
	}

	/**
	 * 4 jobs per 2 s (one every 500 ms), 16 jobs, two instances of 4 consumers each. In any 2 s,
	 * at most limit + burst - 1 = 4 jobs start, plus those of one more second (2): a deferred
	 * job comes back on a whole second of the delay levels, at or after its slot.
	 */
	@Test
	void globalLimitHoldsAcrossTwoInstancesAndEveryJobCompletes() {
		worker().run((first) -> worker().run((second) -> {
			List<JobHandle<Object>> handles = enqueue(first.getBean(Jobs.class), "limited", 16, (n) -> "all");

			handles.forEach((handle) -> handle.await(TIMEOUT));
			assertThat(mostStartsWithin(Duration.ofSeconds(2), "all")).isLessThanOrEqualTo(4 + 2);
			assertThat(handles).allSatisfy((handle) -> assertThat(handle.snapshot().attempts()).isOne());
		}));
	}

	@Test
	void limitedJobIsDeferredWithoutSpendingAnAttempt() {
		worker().run((context) -> {
			List<JobHandle<Object>> handles = enqueue(context.getBean(Jobs.class), "limited", 4, (n) -> "deferred");

			await().atMost(TIMEOUT)
				.until(() -> handles.stream().anyMatch((handle) -> handle.status() == JobStatus.DEFERRED));
			JobHandle<Object> deferred = handles.stream()
				.filter((handle) -> handle.status() == JobStatus.DEFERRED)
				.findFirst()
				.orElseThrow();
			assertThat(deferred.snapshot().reason()).isEqualTo("rate_limited");
			assertThat(deferred.snapshot().nextAttemptAt()).isAfter(Instant.now().minusSeconds(1));
			assertThat(deferred.snapshot().attempts()).isZero();
			handles.forEach((handle) -> handle.await(TIMEOUT));
		});
	}

	/** 2 per 2 s for each customer: two customers together start twice as many as one could. */
	@Test
	void eachKeyHasItsOwnBudget() {
		worker().run((context) -> {
			List<JobHandle<Object>> handles = enqueue(context.getBean(Jobs.class), "per-customer", 12,
					(n) -> (n % 2 == 0) ? "acme" : "globex");

			handles.forEach((handle) -> handle.await(TIMEOUT));
			assertThat(mostStartsWithin(Duration.ofSeconds(2), "acme")).isLessThanOrEqualTo(2 + 1);
			assertThat(mostStartsWithin(Duration.ofSeconds(2), "globex")).isLessThanOrEqualTo(2 + 1);
			Instant firstStart = STARTS.stream().map(Start::at).min(Instant::compareTo).orElseThrow();
			long startsInTheFirstSecond = STARTS.stream()
				.filter((start) -> start.at().isBefore(firstStart.plusMillis(900)))
				.count();
			assertThat(startsInTheFirstSecond).as("one of each customer at once").isGreaterThanOrEqualTo(2);
		});
	}

	private static List<JobHandle<Object>> enqueue(Jobs jobs, String task, int count,
			java.util.function.IntFunction<String> key) {
		List<JobRequest> requests = new ArrayList<>();
		for (int n = 0; n < count; n++) {
			requests.add(JobRequest.of(task, key.apply(n), n));
		}
		return jobs.enqueueAll(requests);
	}

	private static long mostStartsWithin(Duration span, String key) {
		List<Instant> starts = new ArrayList<>(STARTS.stream().filter((start) -> start.key().equals(key))
			.map(Start::at)
			.toList());
		Collections.sort(starts);
		long most = 0;
		for (int i = 0; i < starts.size(); i++) {
			Instant end = starts.get(i).plus(span);
			long within = starts.stream().skip(i).filter((at) -> at.isBefore(end)).count();
			most = Math.max(most, within);
		}
		return most;
	}

	private org.springframework.boot.test.context.runner.ApplicationContextRunner worker() {
		return this.jobs.worker()
			.withUserConfiguration(TaskConfiguration.class)
			.withPropertyValues("jobs.queues." + this.jobs.queue() + ".concurrency=4",
					"jobs.tasks.limited.rate-limit=4/2s", "jobs.tasks.[per-customer].rate-limit=2/2s",
					"jobs.tasks.[per-customer].rate-limit-key=#customer");
	}

	private record Start(String key, Instant at) {
	}

	@Configuration(proxyBeanMethods = false)
	static class TaskConfiguration {

		@Bean
		Tasks tasks() {
			return new Tasks();
		}

	}

	static class Tasks {

		@BackgroundTask(name = "limited")
		int limited(String group, int n) {
			STARTS.add(new Start(group, Instant.now()));
			return n;
		}

		@BackgroundTask(name = "per-customer")
		int perCustomer(String customer, int n) {
			STARTS.add(new Start(customer, Instant.now()));
			return n;
		}

	}

}
