package dev.jobs.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.jobs.Jobs;
import dev.jobs.autoconfigure.JobsOutboxAutoConfiguration;
import dev.jobs.outbox.OrderDatabase;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox through a broker outage: 1,000 orders, each placed with its job in one
 * transaction of the real PostgreSQL, one in ten rolled back, while the suite's RabbitMQ node is
 * stopped for the middle part of the run. Without the outbox a commit during the outage would
 * end in an exception after the commit and no job; with it, every committed order's job must
 * run once the broker is back, and no rolled-back order's job ever.
 */
class OutboxFaultTests {

	private static final int ORDERS = 1000;

	/** The broker stops before this order and comes back after {@link #OUTAGE_ENDS}. */
	private static final int OUTAGE_STARTS = 300;

	private static final int OUTAGE_ENDS = 700;

	private final OrderDatabase database = new OrderDatabase();

	@BeforeAll
	static void startBroker() {
		FaultBroker.start();
	}

	@AfterEach
	void dropTables() {
		this.database.dropTables();
	}

	@Test
	@Timeout(value = 3, unit = TimeUnit.MINUTES)
	void everyCommittedOrdersJobRunsThroughABrokerOutageAndNoRolledBackOne() {
		FaultNamespace namespace = FaultNamespace.fresh();
		namespace.worker()
			.withConfiguration(AutoConfigurations.of(JobsOutboxAutoConfiguration.class))
			.withUserConfiguration(OrderDatabase.Configuration.class)
			.withPropertyValues(this.database.outboxProperties())
			.run((context) -> {
				Jobs jobs = context.getBean(Jobs.class);
				TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				OrderDatabase.OrderTasks orders = context.getBean(OrderDatabase.OrderTasks.class);
				this.database.createOrders(jdbc);
				List<String> committed = new ArrayList<>();
				List<String> rolledBack = new ArrayList<>();
				boolean brokerDown = false;
				try {
					for (int i = 0; i < ORDERS; i++) {
						if (i == OUTAGE_STARTS) {
							FaultBroker.stopApp();
							brokerDown = true;
						}
						if (i == OUTAGE_ENDS) {
							// The relay must have met the outage, not merely been idle through it.
							await().atMost(Duration.ofSeconds(30)).until(() -> retriedRows(jdbc) > 0);
							FaultBroker.startApp();
							brokerDown = false;
						}
						String orderId = "order-" + i;
						boolean commit = i % 10 != 7;
						this.database.placeOrder(jobs, transactions, jdbc, orderId, commit);
						(commit ? committed : rolledBack).add(orderId);
					}
				}
				finally {
					if (brokerDown) {
						FaultBroker.startApp();
					}
				}
				awaitRan(orders, committed);
				long ran = committed.stream().filter((order) -> orders.runsOf(order) > 0).count();
				long ranRolledBack = rolledBack.stream().filter((order) -> orders.runsOf(order) > 0).count();
				long lost = committed.size() - ran;
				long retried = jdbc.queryForObject("SELECT count(*) FROM " + this.database.outboxTable()
						+ " WHERE attempts > 1", Long.class);
				System.out.println("outbox committed=" + committed.size() + " rolled_back=" + rolledBack.size()
						+ " ran=" + ran + " lost=" + lost + " ran_rolled_back=" + ranRolledBack
						+ " rows_retried=" + retried);
				assertThat(lost).as("committed orders whose job never ran").isZero();
				assertThat(ranRolledBack).as("rolled-back orders whose job ran").isZero();
				assertThat(jdbc.queryForObject("SELECT count(*) FROM " + this.database.ordersTable(), Long.class))
					.isEqualTo(committed.size());
			});
	}

	/** Rows the relay tried and could not publish, still waiting for the broker. */
	private long retriedRows(JdbcTemplate jdbc) {
		return jdbc.queryForObject("SELECT count(*) FROM " + this.database.outboxTable()
				+ " WHERE published_at IS NULL AND attempts > 0", Long.class);
	}

	private void awaitRan(OrderDatabase.OrderTasks orders, List<String> committed) {
		try {
			await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
				.until(() -> orders.ran().containsAll(Set.copyOf(committed)));
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			// Counted as lost below, with the numbers.
		}
	}

}
