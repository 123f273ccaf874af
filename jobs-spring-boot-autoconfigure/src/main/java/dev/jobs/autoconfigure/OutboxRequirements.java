package dev.jobs.autoconfigure;

import dev.jobs.core.outbox.OutboxRelay;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.ClassUtils;

/**
 * Checks that {@code jobs.publish.outbox=true} got its outbox: an application that asked for
 * commit-implies-job and silently got publish-after-commit would find out only when a broker
 * outage lost jobs.
 */
final class OutboxRequirements {

	/** The class the outbox joins the caller's JDBC transaction with. */
	static final String SPRING_JDBC = "org.springframework.jdbc.datasource.DataSourceUtils";

	private OutboxRequirements() {
	}

	/**
	 * The relay to give the front door, failing where the outbox is on but could not be built.
	 * @param settings the settings
	 * @param relay the relay bean, {@code null} where its auto-configuration did not apply
	 * @param classLoader where to look for spring-jdbc
	 * @return the relay, or {@code null} where the outbox is off
	 */
	static OutboxRelay check(JobsSettings settings, OutboxRelay relay, ClassLoader classLoader) {
		if (!settings.outboxRequested()) {
			return null;
		}
		if (relay != null) {
			return settings.outboxSettings().enabled() ? relay : null;
		}
		String reason = ClassUtils.isPresent(SPRING_JDBC, classLoader)
				? "The outbox needs a DataSource bean (the database the enqueuing transactions run on), and there"
						+ " is none: add spring-boot-starter-jdbc (or -data-jpa) and spring.datasource.*, or set"
						+ " jobs.publish.outbox=false"
				: "The outbox needs spring-jdbc on the classpath: add spring-boot-starter-jdbc (or -data-jpa), or set"
						+ " jobs.publish.outbox=false";
		throw new InvalidConfigurationPropertyValueException("jobs.publish.outbox", true, reason);
	}

}
