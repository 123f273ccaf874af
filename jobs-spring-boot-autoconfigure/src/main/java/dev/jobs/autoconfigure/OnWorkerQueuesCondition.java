package dev.jobs.autoconfigure;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code jobs.worker.queues} names at least one queue: only then does this
 * instance consume jobs.
 */
class OnWorkerQueuesCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		List<String> queues = Binder.get(context.getEnvironment())
			.bind("jobs.worker.queues", Bindable.listOf(String.class))
			.orElse(List.of());
		return queues.isEmpty() ? ConditionOutcome.noMatch("jobs.worker.queues is empty: producer only")
				: ConditionOutcome.match("jobs.worker.queues is " + queues);
	}

}
