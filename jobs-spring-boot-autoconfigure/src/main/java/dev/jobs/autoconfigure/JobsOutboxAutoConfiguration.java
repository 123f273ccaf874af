package dev.jobs.autoconfigure;

import java.time.Clock;

import javax.sql.DataSource;

import dev.jobs.core.envelope.JobCodecs;
import dev.jobs.core.outbox.OutboxRelay;
import dev.jobs.core.port.JobObserver;
import dev.jobs.core.port.JobOutbox;
import dev.jobs.core.port.JobPublisher;
import dev.jobs.core.port.JobRecords;
import dev.jobs.outbox.JdbcJobOutbox;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the transactional outbox ({@code jobs.publish.outbox=true}): the JDBC
 * outbox table on the application's {@link DataSource} and the relay that publishes its rows.
 * Active only with spring-jdbc on the classpath and a {@code DataSource} bean; where either is
 * missing while the property is on, the {@code Jobs} bean fails start-up naming the property
 * ({@link OutboxRequirements}), since a silently skipped outbox would lose the guarantee asked for.
 */
@AutoConfiguration(after = JobsAutoConfiguration.class,
		afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(name = OutboxRequirements.SPRING_JDBC)
@ConditionalOnProperty(prefix = "jobs.publish", name = "outbox", havingValue = "true")
@ConditionalOnBean({ DataSource.class, JobPublisher.class })
public final class JobsOutboxAutoConfiguration {

	/**
	 * The outbox table. Created here where missing, as Boot's own schema initializers do while
	 * their beans are built, so that an enqueue in another bean's start-up already finds it.
	 */
	@Bean
	@ConditionalOnMissingBean(JobOutbox.class)
	JdbcJobOutbox jobsOutbox(DataSource dataSource, JobsSettings settings, JobCodecs codecs) {
		OutboxSettings outbox = settings.outboxSettings();
		JdbcJobOutbox table = new JdbcJobOutbox(dataSource, codecs.envelopes(), outbox.table(), Clock.systemUTC());
		if (outbox.initializeSchema()) {
			table.createTable();
		}
		return table;
	}

	/**
	 * The relay. It publishes through the broker port itself, not the observed one: it runs
	 * on its own thread, outside the enqueue's trace.
	 */
	@Bean
	@ConditionalOnMissingBean
	OutboxRelay jobsOutboxRelay(JobOutbox outbox, JobPublisher publisher, ObjectProvider<JobRecords> records,
			ObjectProvider<JobObserver> observers, JobsSettings settings) {
		OutboxSettings outboxSettings = settings.outboxSettings();
		return new OutboxRelay(outbox, publisher, records.getIfAvailable(() -> JobRecords.NONE),
				JobObserver.all(observers.orderedStream().toList()), outboxSettings.confirmTimeout(),
				outboxSettings.retention(), Clock.systemUTC());
	}

}
