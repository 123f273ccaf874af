package dev.jobs.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * Matches when {@code jobs.dashboard.enabled} is true, or when it is unset and Spring Security
 * is on the class path: the dashboard is on by default only where its users can sign in.
 */
final class OnDashboardEnabledCondition extends SpringBootCondition {

	private static final String SECURITY = "org.springframework.security.web.SecurityFilterChain";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Boolean enabled = context.getEnvironment().getProperty("jobs.dashboard.enabled", Boolean.class);
		if (enabled != null) {
			return enabled ? ConditionOutcome.match("jobs.dashboard.enabled is true")
					: ConditionOutcome.noMatch("jobs.dashboard.enabled is false");
		}
		return ClassUtils.isPresent(SECURITY, context.getClassLoader())
				? ConditionOutcome.match("jobs.dashboard.enabled is unset and Spring Security is present")
				: ConditionOutcome.noMatch("jobs.dashboard.enabled is unset and Spring Security is absent");
	}

}
