package dev.jobs.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.jobs.JobOptions;
import dev.jobs.autoconfigure.JobsProperties.RetryPolicyProperties;
import dev.jobs.core.retry.RetryPolicies;
import dev.jobs.core.retry.RetryPolicy;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.ClassUtils;

/**
 * Turns {@code jobs.retry.*} into {@link RetryPolicies}, once at start-up: named policies
 * inherit unset values from the default one, exception class names are loaded, and a value
 * that cannot work fails start-up naming its property.
 */
final class RetryPolicyConversion {

	private static final int DEFAULT_MAX_ATTEMPTS = 5;

	private final ClassLoader classLoader;

	RetryPolicyConversion(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	RetryPolicies convert(JobsProperties.Retry retry) {
		RetryPolicyProperties base = retry.getDefault();
		RetryPolicy defaultPolicy = policy(RetryPolicies.DEFAULT, "jobs.retry.default", base, base);
		Map<String, RetryPolicy> named = new LinkedHashMap<>();
		retry.getPolicies()
			.forEach((name, properties) -> named.put(name,
					policy(name, "jobs.retry.policies." + name, properties, base)));
		return new RetryPolicies(defaultPolicy, named);
	}

	private RetryPolicy policy(String name, String prefix, RetryPolicyProperties own, RetryPolicyProperties base) {
		List<Duration> delays = own.getDelays().isEmpty() ? base.getDelays() : own.getDelays();
		for (Duration delay : delays) {
			requireNotNegative(prefix + ".delays", delay);
		}
		Integer maxAttempts = maxAttempts(own);
		if (maxAttempts == null) {
			maxAttempts = (maxAttempts(base) != null) ? maxAttempts(base) : DEFAULT_MAX_ATTEMPTS;
		}
		if (maxAttempts == null || maxAttempts < 1) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".max-attempts", maxAttempts,
					"Must be at least 1 (1 disables retries).");
		}
		Duration initialDelay = requireNotNegative(prefix + ".initial-delay", pick(own.getInitialDelay(), base.getInitialDelay()));
		Duration maxDelay = requireNotNegative(prefix + ".max-delay", pick(own.getMaxDelay(), base.getMaxDelay()));
		double multiplier = pick(own.getMultiplier(), base.getMultiplier());
		if (multiplier < 1) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".multiplier", multiplier,
					"Must be at least 1.");
		}
		return new RetryPolicy(name, maxAttempts, initialDelay, multiplier, maxDelay,
				pick(own.getJitter(), base.getJitter()), delays,
				exceptionTypes(prefix + ".retry-on", pick(own.getRetryOn(), base.getRetryOn())),
				exceptionTypes(prefix + ".no-retry-on", pick(own.getNoRetryOn(), base.getNoRetryOn())));
	}

	private static Integer maxAttempts(RetryPolicyProperties policy) {
		if (policy.getMaxAttempts() != null) {
			return policy.getMaxAttempts();
		}
		return policy.getDelays().isEmpty() ? null : policy.getDelays().size() + 1;
	}

	private static <T> T pick(T own, T base) {
		if (own instanceof List<?> list && list.isEmpty()) {
			return base;
		}
		return (own != null) ? own : base;
	}

	@SuppressWarnings("unchecked")
	private List<Class<? extends Throwable>> exceptionTypes(String property, List<String> names) {
		List<Class<? extends Throwable>> types = new ArrayList<>();
		for (String name : names) {
			Class<?> type;
			try {
				type = ClassUtils.forName(name.trim(), this.classLoader);
			}
			catch (ClassNotFoundException | LinkageError ex) {
				throw new InvalidConfigurationPropertyValueException(property, name,
						"No such class on the classpath; give the fully qualified name of an exception class.");
			}
			if (!Throwable.class.isAssignableFrom(type)) {
				throw new InvalidConfigurationPropertyValueException(property, name,
						"Not an exception class (it does not extend java.lang.Throwable).");
			}
			types.add((Class<? extends Throwable>) type);
		}
		return types;
	}

	private static Duration requireNotNegative(String property, Duration value) {
		if (value == null || value.isNegative()) {
			throw new InvalidConfigurationPropertyValueException(property, value, "Must be zero or positive.");
		}
		if (value.compareTo(JobOptions.MAX_DELAY) > 0) {
			throw new InvalidConfigurationPropertyValueException(property, value,
					"Longer than the longest delay the broker's delay levels carry (48 days and 13 hours).");
		}
		return value;
	}

}
