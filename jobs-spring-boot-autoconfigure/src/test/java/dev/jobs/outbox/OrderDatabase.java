package dev.jobs.outbox;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

import dev.jobs.BackgroundTask;
import dev.jobs.Jobs;

import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The machine's PostgreSQL (127.0.0.1:5432, database {@code test}, user {@code postgres}, trust
 * authentication; {@code .ci/run} makes sure it answers) as an order shop's database: an
 * {@code orders} table of the test's own, the outbox table of the test's own, and a task that
 * counts how often each order's job ran.
 */
public final class OrderDatabase {

	private final String id = UUID.randomUUID().toString().substring(0, 8);

	/**
	 * The orders table of this test.
	 * @return the table name
	 */
	public String ordersTable() {
		return "orders_" + this.id;
	}

	/**
	 * The outbox table of this test, for {@code jobs.publish.outbox-table}.
	 * @return the table name
	 */
	public String outboxTable() {
		return "jobs_outbox_" + this.id;
	}

	/**
	 * The properties that turn the outbox on, in this test's table.
	 * @return {@code name=value} pairs
	 */
	public String[] outboxProperties() {
		return new String[] { "jobs.publish.outbox=true", "jobs.publish.outbox-table=" + outboxTable() };
	}

	/**
	 * Creates the orders table.
	 * @param jdbc the database
	 */
	public void createOrders(JdbcTemplate jdbc) {
		jdbc.execute("CREATE TABLE " + ordersTable() + " (id VARCHAR(64) PRIMARY KEY, job_id VARCHAR(64) NOT NULL)");
	}

	/**
	 * Drops both tables.
	 */
	public void dropTables() {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource());
		jdbc.execute("DROP TABLE IF EXISTS " + ordersTable());
		jdbc.execute("DROP TABLE IF EXISTS " + outboxTable());
	}

	/**
	 * The database, without a pool: every transaction opens its own connection.
	 * @return the data source
	 */
	public static DataSource dataSource() {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL("jdbc:postgresql://127.0.0.1:5432/test");
		dataSource.setUser("postgres");
		return dataSource;
	}

	/** The application's side: its database, transactions and order task. */
	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	public static class Configuration {

		@Bean
		DataSource dataSource() {
			return OrderDatabase.dataSource();
		}

		@Bean
		DataSourceTransactionManager transactionManager(DataSource dataSource) {
			return new DataSourceTransactionManager(dataSource);
		}

		@Bean
		TransactionTemplate transactionTemplate(DataSourceTransactionManager transactionManager) {
			return new TransactionTemplate(transactionManager);
		}

		@Bean
		JdbcTemplate jdbcTemplate(DataSource dataSource) {
			return new JdbcTemplate(dataSource);
		}

		@Bean
		OrderTasks orderTasks() {
			return new OrderTasks();
		}

	}

	/** The order shop's task: confirms an order, counting the runs per order. */
	public static class OrderTasks {

		private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

		/**
		 * Confirms an order.
		 * @param orderId the order
		 */
		@BackgroundTask(name = "confirm-order")
		public void confirm(String orderId) {
			this.runs.computeIfAbsent(orderId, (order) -> new AtomicInteger()).incrementAndGet();
		}

		/**
		 * The orders whose job ran at least once.
		 * @return their ids
		 */
		public Set<String> ran() {
			return this.runs.keySet();
		}

		/**
		 * How often an order's job ran.
		 * @param orderId the order
		 * @return the runs
		 */
		public int runsOf(String orderId) {
			AtomicInteger count = this.runs.get(orderId);
			return (count != null) ? count.get() : 0;
		}

	}

	/**
	 * Places an order and enqueues its job in one transaction.
	 * @param jobs the front door
	 * @param transactions the transactions
	 * @param jdbc the database
	 * @param orderId the order
	 * @param commit whether to commit, else roll back
	 * @return the job id the enqueue returned inside the transaction
	 */
	public String placeOrder(Jobs jobs, TransactionTemplate transactions, JdbcTemplate jdbc, String orderId,
			boolean commit) {
		return transactions.execute((status) -> {
			String jobId = jobs.enqueue(OrderTasks::confirm, orderId).id();
			jdbc.update("INSERT INTO " + ordersTable() + " (id, job_id) VALUES (?, ?)", orderId, jobId);
			if (!commit) {
				status.setRollbackOnly();
			}
			return jobId;
		});
	}

}
