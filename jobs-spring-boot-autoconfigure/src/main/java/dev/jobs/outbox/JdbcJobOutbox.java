package dev.jobs.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import dev.jobs.core.envelope.EnvelopeCodec;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.port.JobOutbox;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The outbox as one table in the application's database, written through plain JDBC so that
 * the row joins whatever transaction Spring bound to the {@link DataSource}
 * ({@code DataSourceTransactionManager}, {@code JdbcTransactionManager}, {@code JpaTransactionManager}).
 *
 * <p>The table ({@link #schema}) holds the job's message body as the broker would get it, the
 * times as epoch milliseconds (no time zone to disagree on between instances), how often the
 * row was tried and when it was published. Relays take rows with
 * {@code SELECT ... FOR UPDATE SKIP LOCKED}, so instances share the table without waiting on
 * one another and a row is in one relay's hands at a time; that clause is what the database
 * must support (PostgreSQL 9.5+, MySQL 8+, MariaDB 10.6+, Oracle; tested on PostgreSQL).
 */
public final class JdbcJobOutbox implements JobOutbox {

	/** A table name the SQL below can be built with safely: an identifier, maybe schema-qualified. */
	public static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

	private final DataSource dataSource;

	private final EnvelopeCodec codec;

	private final String table;

	private final Clock clock;

	/**
	 * An outbox in the given table.
	 * @param dataSource the application's database, the one its transactions run on
	 * @param codec writes and reads the message bodies
	 * @param table the table name, matching {@link #TABLE_NAME}
	 * @param clock the clock
	 */
	public JdbcJobOutbox(DataSource dataSource, EnvelopeCodec codec, String table, Clock clock) {
		if (!TABLE_NAME.matcher(table).matches()) {
			throw new IllegalArgumentException("Outbox table name '" + table + "' is not a plain SQL identifier");
		}
		this.dataSource = dataSource;
		this.codec = codec;
		this.table = table;
		this.clock = clock;
	}

	/**
	 * The table, as the statements that create it if it is missing.
	 * @param table the table name
	 * @return the DDL statements
	 */
	public static List<String> schema(String table) {
		// An index name is never schema-qualified: it lives in its table's schema.
		String index = table.replace('.', '_') + "_due";
		return List.of("CREATE TABLE IF NOT EXISTS " + table + " (job_id VARCHAR(64) NOT NULL PRIMARY KEY,"
				+ " body TEXT NOT NULL, stored_at BIGINT NOT NULL, due_at BIGINT NOT NULL,"
				+ " attempts INTEGER NOT NULL, published_at BIGINT)",
				"CREATE INDEX IF NOT EXISTS " + index + " ON " + table
						+ " (published_at, due_at)");
	}

	/** Creates the table and its index where they do not exist yet. */
	public void createTable() {
		try (Connection connection = this.dataSource.getConnection(); Statement statement = connection.createStatement()) {
			for (String ddl : schema(this.table)) {
				statement.execute(ddl);
			}
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("Could not create the jobs outbox table '" + this.table
					+ "' (set jobs.publish.outbox-initialize-schema=false and create it yourself, see docs/outbox.md)",
					ex);
		}
	}

	@Override
	public void store(List<JobEnvelope> envelopes) {
		// Asked before getConnection, which would bind a fresh auto-commit connection to a
		// transaction on another resource and so look transactional.
		if (TransactionSynchronizationManager.getResource(this.dataSource) == null) {
			throw notInTransaction();
		}
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			if (connection.getAutoCommit()) {
				throw notInTransaction();
			}
			long now = this.clock.millis();
			try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + this.table
					+ " (job_id, body, stored_at, due_at, attempts) VALUES (?, ?, ?, ?, 0)")) {
				for (JobEnvelope envelope : envelopes) {
					insert.setString(1, envelope.id());
					insert.setString(2, new String(this.codec.encode(envelope), StandardCharsets.UTF_8));
					insert.setLong(3, now);
					insert.setLong(4, now);
					insert.addBatch();
				}
				insert.executeBatch();
			}
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("Could not store " + envelopes.size()
					+ " jobs in the outbox table '" + this.table + "'", ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

	private static IllegalStateException notInTransaction() {
		return new IllegalStateException("jobs.publish.outbox needs the enqueue to run in a transaction on the"
				+ " outbox's DataSource, so that the job commits and rolls back with it; this thread's transaction"
				+ " is on another resource. Use a DataSourceTransactionManager, JdbcTransactionManager or"
				+ " JpaTransactionManager for that DataSource");
	}

	@Override
	public int relay(int limit, Duration retryAfter, Function<List<JobEnvelope>, Set<String>> publish) {
		// A connection of the relay's own, never a caller's: the row locks last for this round only.
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try {
				List<JobEnvelope> due = takeDue(connection, limit);
				if (due.isEmpty()) {
					connection.commit();
					return 0;
				}
				Set<String> confirmed = publish.apply(due);
				settle(connection, due, confirmed, retryAfter);
				connection.commit();
				return due.size();
			}
			catch (SQLException | RuntimeException ex) {
				// Rolled back, the rows are due as they were: published ones go again, same ids.
				connection.rollback();
				throw ex;
			}
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("Outbox relay could not use the table '" + this.table + "'",
					ex);
		}
	}

	private List<JobEnvelope> takeDue(Connection connection, int limit) throws SQLException {
		List<JobEnvelope> due = new ArrayList<>();
		try (PreparedStatement select = connection.prepareStatement("SELECT body FROM " + this.table
				+ " WHERE published_at IS NULL AND due_at <= ? ORDER BY stored_at, job_id LIMIT ?"
				+ " FOR UPDATE SKIP LOCKED")) {
			select.setLong(1, this.clock.millis());
			select.setInt(2, limit);
			try (ResultSet rows = select.executeQuery()) {
				while (rows.next()) {
					// Bodies this outbox wrote itself, so a decode failure is a bug, not bad input.
					due.add(this.codec.decode(rows.getString(1).getBytes(StandardCharsets.UTF_8)));
				}
			}
		}
		return due;
	}

	private void settle(Connection connection, List<JobEnvelope> due, Set<String> confirmed, Duration retryAfter)
			throws SQLException {
		long now = this.clock.millis();
		try (PreparedStatement published = connection
			.prepareStatement("UPDATE " + this.table + " SET published_at = ?, attempts = attempts + 1 WHERE job_id = ?");
				PreparedStatement again = connection.prepareStatement("UPDATE " + this.table
						+ " SET due_at = ?, attempts = attempts + 1 WHERE job_id = ?")) {
			for (JobEnvelope envelope : due) {
				PreparedStatement update = confirmed.contains(envelope.id()) ? published : again;
				update.setLong(1, confirmed.contains(envelope.id()) ? now : now + retryAfter.toMillis());
				update.setString(2, envelope.id());
				update.addBatch();
			}
			published.executeBatch();
			again.executeBatch();
		}
	}

	@Override
	public int clean(Instant publishedBefore) {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement delete = connection
					.prepareStatement("DELETE FROM " + this.table + " WHERE published_at < ?")) {
			delete.setLong(1, publishedBefore.toEpochMilli());
			return delete.executeUpdate();
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("Outbox relay could not delete published rows from '"
					+ this.table + "'", ex);
		}
	}

}
