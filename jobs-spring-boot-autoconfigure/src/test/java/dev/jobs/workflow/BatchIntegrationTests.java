package dev.jobs.workflow;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.BackgroundTask;
import dev.jobs.DiscardJob;
import dev.jobs.JobContext;
import dev.jobs.Jobs;
import dev.jobs.JobsContextRunner;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static dev.jobs.workflow.Workflows.sig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Batches against the real RabbitMQ and Redis: a batch whose jobs add jobs completes only after
 * the added ones, its callbacks run once each, and a failed member keeps {@code onSuccess} from
 * running but not {@code onComplete}.
 */
class BatchIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	private final JobsContextRunner jobs = new JobsContextRunner();

	@AfterEach
	void cleanUp() {
		Tasks.reset();
		this.jobs.cleanUp();
	}

	@Test
	void batchWhoseJobsAddJobsCompletesOnlyAfterTheAddedOnes() {
		worker().run((context) -> {
			BatchHandle batch = context.getBean(Jobs.class).batch((b) -> {
				b.add(sig(Tasks::importSupplier, "acme", 3));
				b.add(sig(Tasks::importSupplier, "globex", 2));
				b.onSuccess(sig(Tasks::succeeded));
				b.onComplete(sig(Tasks::completed));
			});

			BatchSnapshot done = batch.await(TIMEOUT);
			assertThat(done.status()).isEqualTo(WorkflowStatus.SUCCESS);
			assertThat(done.total()).isEqualTo(2 + 3 + 2);
			assertThat(done.succeeded()).isEqualTo(7);
			assertThat(done.pending()).isZero();
			assertThat(Tasks.PAGES).hasSize(5);
			await().atMost(TIMEOUT).until(() -> Tasks.COMPLETED.size() == 1 && Tasks.SUCCEEDED.get() == 1);
			assertThat(Tasks.COMPLETED.get(0).total()).isEqualTo(7);
			assertThat(Tasks.COMPLETED.get(0).pending()).isZero();
		});
	}

	@Test
	void failedMemberRunsOnCompleteButNotOnSuccess() {
		worker().run((context) -> {
			BatchHandle batch = context.getBean(Jobs.class).batch((b) -> b.add(sig(Tasks::importPage, "acme", 1))
				.add(sig(Tasks::brokenPage, "acme", 2))
				.onSuccess(sig(Tasks::succeeded))
				.onComplete(sig(Tasks::completed)));

			BatchSnapshot done = batch.await(TIMEOUT);
			assertThat(done.status()).isEqualTo(WorkflowStatus.FAILURE);
			assertThat(done.failed()).isOne();
			assertThat(done.succeeded()).isOne();
			await().atMost(TIMEOUT).until(() -> Tasks.COMPLETED.size() == 1);
			assertThat(Tasks.COMPLETED.get(0).failed()).isOne();
			assertThat(Tasks.SUCCEEDED.get()).isZero();
		});
	}

	private ApplicationContextRunner worker() {
		return this.jobs.worker()
			.withUserConfiguration(TaskConfiguration.class)
			.withPropertyValues("jobs.queues." + this.jobs.queue() + ".concurrency=4");
	}

	@Configuration(proxyBeanMethods = false)
	static class TaskConfiguration {

		@Bean
		Tasks tasks() {
			return new Tasks();
		}

	}

	static class Tasks {

		static final List<String> PAGES = new CopyOnWriteArrayList<>();

		static final List<BatchSnapshot> COMPLETED = new CopyOnWriteArrayList<>();

		static final AtomicInteger SUCCEEDED = new AtomicInteger();

		static void reset() {
			PAGES.clear();
			COMPLETED.clear();
			SUCCEEDED.set(0);
		}

		@BackgroundTask(name = "import-supplier")
		void importSupplier(String supplier, int pages) {
			for (int page = 1; page <= pages; page++) {
				JobContext.current().batch().add(sig(Tasks::importPage, supplier, page));
				JobContext.current().progress(page, pages, "queued page " + page);
			}
		}

		@BackgroundTask(name = "import-page")
		void importPage(String supplier, int page) throws InterruptedException {
			// Slow enough that the batch would look complete early if added jobs were not counted.
			Thread.sleep(200);
			PAGES.add(supplier + "/" + page);
		}

		@BackgroundTask(name = "broken-page")
		void brokenPage(String supplier, int page) {
			throw new DiscardJob("page " + page + " of " + supplier + " is unreadable");
		}

		@BackgroundTask(name = "batch-succeeded")
		void succeeded(BatchSnapshot snapshot) {
			SUCCEEDED.incrementAndGet();
		}

		@BackgroundTask(name = "batch-completed")
		void completed(BatchSnapshot snapshot) {
			COMPLETED.add(snapshot);
		}

	}

}
