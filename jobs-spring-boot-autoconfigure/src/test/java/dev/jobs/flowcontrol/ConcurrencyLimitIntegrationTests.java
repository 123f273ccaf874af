package dev.jobs.flowcontrol;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.BackgroundTask;
import dev.jobs.JobHandle;
import dev.jobs.JobRequest;
import dev.jobs.Jobs;
import dev.jobs.JobsContextRunner;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code max-concurrent: 2} per customer over two worker instances with four consumers each:
 * never more than two jobs of one customer run at once, another customer's run beside them, and
 * every job completes having spent one attempt.
 */
class ConcurrencyLimitIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	private static final Map<String, AtomicInteger> RUNNING = new ConcurrentHashMap<>();

	private static final Map<String, AtomicInteger> MOST_AT_ONCE = new ConcurrentHashMap<>();

	private final JobsContextRunner jobs = new JobsContextRunner();

	@AfterEach
	void cleanUp() {
		RUNNING.clear();
		MOST_AT_ONCE.clear();
		this.jobs.cleanUp();
	}

	@Test
	void atMostTwoJobsOfOneKeyRunAtOnceAcrossInstances() {
		worker().run((first) -> worker().run((second) -> {
			List<JobRequest> requests = new ArrayList<>();
			for (int n = 0; n < 8; n++) {
				requests.add(JobRequest.of("import-orders", "acme", n));
			}
			for (int n = 0; n < 3; n++) {
				requests.add(JobRequest.of("import-orders", "globex", n));
			}
			List<JobHandle<Object>> handles = first.getBean(Jobs.class).enqueueAll(requests);

			handles.forEach((handle) -> handle.await(TIMEOUT));
			assertThat(MOST_AT_ONCE.get("acme")).hasValue(2);
			assertThat(MOST_AT_ONCE.get("globex").get()).isBetween(1, 2);
			assertThat(handles).allSatisfy((handle) -> assertThat(handle.snapshot().attempts()).isOne());
		}));
	}

	private ApplicationContextRunner worker() {
		return this.jobs.worker()
			.withUserConfiguration(TaskConfiguration.class)
			.withPropertyValues("jobs.queues." + this.jobs.queue() + ".concurrency=4", "jobs.locks.retry-after=1s",
					"jobs.tasks.[import-orders].max-concurrent=2",
					"jobs.tasks.[import-orders].concurrency-key=#customer");
	}

	@Configuration(proxyBeanMethods = false)
	static class TaskConfiguration {

		@Bean
		Tasks tasks() {
			return new Tasks();
		}

	}

	static class Tasks {

		@BackgroundTask(name = "import-orders")
		int importOrders(String customer, int n) throws InterruptedException {
			AtomicInteger running = RUNNING.computeIfAbsent(customer, (key) -> new AtomicInteger());
			int now = running.incrementAndGet();
			MOST_AT_ONCE.computeIfAbsent(customer, (key) -> new AtomicInteger()).accumulateAndGet(now, Math::max);
			try {
				// Long enough that the other jobs of the customer arrive while it runs.
				Thread.sleep(700);
			}
			finally {
				running.decrementAndGet();
			}
			return n;
		}

	}

}
