package dev.jobs.outbox;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.JobStatus;
import dev.jobs.Jobs;
import dev.jobs.JobsContextRunner;
import dev.jobs.autoconfigure.JobsOutboxAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Enqueues inside a transaction through the outbox, against the local RabbitMQ, Redis and
 * PostgreSQL: a committed order's job runs, a rolled-back order's job never exists, an
 * enqueue outside a transaction is published as before, and one under a transaction on
 * another resource is refused.
 */
class OutboxIntegrationTests {

	private final JobsContextRunner jobs = new JobsContextRunner();

	private final OrderDatabase database = new OrderDatabase();

	private final ApplicationContextRunner runner = this.jobs.worker()
		.withConfiguration(AutoConfigurations.of(JobsOutboxAutoConfiguration.class))
		.withUserConfiguration(OrderDatabase.Configuration.class)
		.withPropertyValues(this.database.outboxProperties());

	@AfterEach
	void cleanUp() {
		this.jobs.cleanUp();
		this.database.dropTables();
	}

	@Test
	void whenTheTransactionCommitsThenTheJobRunsAndItsRowIsMarkedPublished() {
		this.runner.run((context) -> {
			Parts parts = Parts.of(context);
			this.database.createOrders(parts.jdbc());
			String jobId = this.database.placeOrder(parts.jobs(), parts.transactions(), parts.jdbc(), "order-1",
					true);
			await().atMost(Duration.ofSeconds(30)).until(() -> parts.orders().runsOf("order-1") == 1);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> parts.jobs().handle(jobId).status() == JobStatus.SUCCESS);
			await().atMost(Duration.ofSeconds(10)).until(() -> parts.jdbc()
				.queryForObject("SELECT count(*) FROM " + this.database.outboxTable()
						+ " WHERE job_id = ? AND published_at IS NOT NULL", Integer.class, jobId) == 1);
		});
	}

	@Test
	void whileTheTransactionRunsTheJobIsAnOutboxRowOfThatTransactionOnly() {
		this.runner.run((context) -> {
			Parts parts = Parts.of(context);
			this.database.createOrders(parts.jdbc());
			parts.transactions().executeWithoutResult((status) -> {
				String jobId = parts.jobs().enqueue(OrderDatabase.OrderTasks::confirm, "order-2").id();
				// Seen by the transaction itself, not by another connection until the commit.
				assertThat(parts.jdbc().queryForObject("SELECT count(*) FROM " + this.database.outboxTable()
						+ " WHERE job_id = ?", Integer.class, jobId)).isEqualTo(1);
				assertThat(new JdbcTemplate(OrderDatabase.dataSource()).queryForObject("SELECT count(*) FROM "
						+ this.database.outboxTable() + " WHERE job_id = ?", Integer.class, jobId)).isZero();
			});
			await().atMost(Duration.ofSeconds(30)).until(() -> parts.orders().runsOf("order-2") == 1);
		});
	}

	@Test
	void whenTheTransactionRollsBackThenNoJobExists() {
		this.runner.run((context) -> {
			Parts parts = Parts.of(context);
			this.database.createOrders(parts.jdbc());
			String rolledBack = this.database.placeOrder(parts.jobs(), parts.transactions(), parts.jdbc(),
					"order-rolled-back", false);
			// An order committed after it: once its job ran, the relay has been past the first.
			this.database.placeOrder(parts.jobs(), parts.transactions(), parts.jdbc(), "order-after", true);
			await().atMost(Duration.ofSeconds(30)).until(() -> parts.orders().runsOf("order-after") == 1);
			assertThat(parts.orders().runsOf("order-rolled-back")).isZero();
			assertThat(parts.jdbc().queryForObject("SELECT count(*) FROM " + this.database.outboxTable()
					+ " WHERE job_id = ?", Integer.class, rolledBack)).isZero();
			assertThat(parts.jobs().handle(rolledBack).status()).isEqualTo(JobStatus.UNKNOWN);
		});
	}

	@Test
	void outsideATransactionTheJobIsPublishedAtOnceAndNotStored() {
		this.runner.run((context) -> {
			Parts parts = Parts.of(context);
			String jobId = parts.jobs().enqueue(OrderDatabase.OrderTasks::confirm, "order-direct").id();
			await().atMost(Duration.ofSeconds(30)).until(() -> parts.orders().runsOf("order-direct") == 1);
			assertThat(parts.jdbc().queryForObject("SELECT count(*) FROM " + this.database.outboxTable()
					+ " WHERE job_id = ?", Integer.class, jobId)).isZero();
		});
	}

	@Test
	void inATransactionOnAnotherResourceTheEnqueueIsRefused() {
		this.runner.run((context) -> {
			Parts parts = Parts.of(context);
			// Synchronization without a transaction on the DataSource, as under a JMS or Kafka
			// transaction manager: a row written now would not roll back with it.
			TransactionSynchronizationManager.initSynchronization();
			try {
				assertThatIllegalStateException()
					.isThrownBy(() -> parts.jobs().enqueue(OrderDatabase.OrderTasks::confirm, "order-elsewhere"))
					.withMessageContaining("jobs.publish.outbox");
			}
			finally {
				TransactionSynchronizationManager.clearSynchronization();
			}
			assertThat(TransactionSynchronizationManager.getResourceMap()).isEmpty();
		});
	}

	private record Parts(Jobs jobs, TransactionTemplate transactions, JdbcTemplate jdbc,
			OrderDatabase.OrderTasks orders) {

		static Parts of(org.springframework.context.ApplicationContext context) {
			return new Parts(context.getBean(Jobs.class), context.getBean(TransactionTemplate.class),
					context.getBean(JdbcTemplate.class), context.getBean(OrderDatabase.OrderTasks.class));
		}

	}

}
