package dev.jobs.core.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.BackgroundTask;
import dev.jobs.JobHandle;
import dev.jobs.JobRequest;
import dev.jobs.Jobs;
import dev.jobs.JobsContextRunner;
import dev.jobs.JobsUnavailableException;
import dev.jobs.LocalBroker;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inside a Spring transaction a job is published after the commit, so no worker ever sees a
 * job for data that was rolled back or is not yet visible.
 */
class TransactionalEnqueueIntegrationTests {

	private final JobsContextRunner runner = new JobsContextRunner();

	private final TransactionTemplate transactions = new TransactionTemplate(new LocalTransactions());

	@AfterEach
	void cleanUp() {
		this.runner.cleanUp();
	}

	@Test
	void jobEnqueuedInATransactionIsPublishedOnlyOnCommit() {
		this.runner.producer().withUserConfiguration(TaskConfiguration.class).run((context) -> {
			Jobs jobs = context.getBean(Jobs.class);
			String queue = this.runner.brokerQueue();
			jobs.enqueue(Tasks::noop, "declare the queue first");
			long before = LocalBroker.messageCount(queue);

			this.transactions.executeWithoutResult((status) -> {
				jobs.enqueue(Tasks::noop, "inside");
				assertThat(LocalBroker.messageCount(queue)).isEqualTo(before);
			});

			assertThat(LocalBroker.messageCount(queue)).isEqualTo(before + 1);
		});
	}

	@Test
	void jobEnqueuedInATransactionThatRollsBackIsNeverPublished() {
		this.runner.worker().withUserConfiguration(TaskConfiguration.class).run((context) -> {
			Jobs jobs = context.getBean(Jobs.class);
			JobHandle<String>[] rolledBack = new JobHandle[1];

			this.transactions.executeWithoutResult((status) -> {
				rolledBack[0] = jobs.enqueue(Tasks::noop, "rolled back");
				status.setRollbackOnly();
			});
			JobHandle<String> committed = jobs.enqueue(Tasks::noop, "after");

			assertThat(committed.await(Duration.ofSeconds(20))).isEqualTo("after");
			assertThat(rolledBack[0].snapshot().attempts()).isZero();
			assertThat(LocalBroker.messageCount(this.runner.brokerQueue())).isZero();
		});
	}

	@Test
	void asyncEnqueueInATransactionIsPublishedOnCommitAndFailsOnRollback() {
		this.runner.worker().withUserConfiguration(TaskConfiguration.class).run((context) -> {
			Jobs jobs = context.getBean(Jobs.class);
			List<CompletableFuture<JobHandle<Object>>> futures = new ArrayList<>();

			this.transactions.executeWithoutResult((status) -> {
				futures.add(jobs.enqueueAsync(JobRequest.of("Tasks.noop", "committed")));
				assertThat(futures.get(0)).isNotDone();
			});
			this.transactions.executeWithoutResult((status) -> {
				futures.add(jobs.enqueueAsync(JobRequest.of("Tasks.noop", "rolled back")));
				status.setRollbackOnly();
			});

			assertThat(futures.get(0).get(10, TimeUnit.SECONDS).await(Duration.ofSeconds(20))).isEqualTo("committed");
			assertThat(futures.get(1)).failsWithin(Duration.ofSeconds(5))
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(JobsUnavailableException.class)
				.withMessageContaining("did not commit");
			assertThat(LocalBroker.messageCount(this.runner.brokerQueue())).isZero();
		});
	}

	/**
	 * A transaction manager with no resource: enough to drive transaction synchronization.
	 */
	static class LocalTransactions extends AbstractPlatformTransactionManager {

		private static final long serialVersionUID = 1L;

		@Override
		protected Object doGetTransaction() {
			return new Object();
		}

		@Override
		protected void doBegin(Object transaction, TransactionDefinition definition) {
		}

		@Override
		protected void doCommit(DefaultTransactionStatus status) {
		}

		@Override
		protected void doRollback(DefaultTransactionStatus status) {
		}

	}

	static class Tasks {

		@BackgroundTask
		String noop(String text) {
			return text;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TaskConfiguration {

		@Bean
		Tasks tasks() {
			return new Tasks();
		}

	}

}
