package dev.jobs.autoconfigure;

import java.time.Duration;
import java.util.Set;

import dev.jobs.rabbit.ManagementApi;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Turns {@code jobs.actuate.*} into the values the operations adapters use, and fails start-up
 * naming the property when a value cannot work.
 */
final class ActuateSettings {

	private final JobsProperties.Actuate actuate;

	ActuateSettings(JobsProperties properties) {
		this.actuate = properties.getActuate();
		Duration timeout = this.actuate.getManagement().getTimeout();
		if (timeout == null || timeout.isZero() || timeout.isNegative()) {
			throw new InvalidConfigurationPropertyValueException("jobs.actuate.management.timeout", timeout,
					"Must be a positive duration.");
		}
		Duration ttl = this.actuate.getDepthCacheTtl();
		if (ttl == null || ttl.isNegative()) {
			throw new InvalidConfigurationPropertyValueException("jobs.actuate.depth-cache-ttl", ttl,
					"Must not be negative; 0 reads RabbitMQ on every scrape.");
		}
		Duration healthTimeout = this.actuate.getHealthTimeout();
		if (healthTimeout == null || healthTimeout.isZero() || healthTimeout.isNegative()) {
			throw new InvalidConfigurationPropertyValueException("jobs.actuate.health-timeout", healthTimeout,
					"Must be a positive duration, such as 5s.");
		}
	}

	ManagementApi managementApi() {
		JobsProperties.Actuate.Management management = this.actuate.getManagement();
		return new ManagementApi(management.getUrl(), management.getUsername(), management.getPassword(),
				management.getTimeout());
	}

	Duration depthCacheTtl() {
		return this.actuate.getDepthCacheTtl();
	}

	Duration healthTimeout() {
		return this.actuate.getHealthTimeout();
	}

	/**
	 * When the endpoint shows job arguments, by the name Actuator's {@code Show} gives the
	 * choice ({@code NEVER}, {@code WHEN_AUTHORIZED}, {@code ALWAYS}); {@code Show} itself is
	 * not used here, since these settings exist without Actuator.
	 * @return the name of the configured choice
	 */
	String showValues() {
		return this.actuate.getShowValues().name();
	}

	Set<String> roles() {
		return Set.copyOf(this.actuate.getRoles());
	}

	Set<String> writeRoles() {
		return Set.copyOf(this.actuate.getWriteRoles());
	}

}
