package dev.jobs.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when some {@code jobs.tasks.<task>.circuit-breaker} is set: only then are there
 * breakers to show in health and metrics.
 */
class OnCircuitBreakersCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return JobsSettings.anyCircuitBreaker(context.getEnvironment()) ? ConditionOutcome.match("a task has jobs.tasks.<task>.circuit-breaker")
				: ConditionOutcome.noMatch("no task has a circuit breaker");
	}

}
