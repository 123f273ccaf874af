package dev.jobs.autoconfigure;

import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import dev.jobs.core.task.TaskDefinition;
import dev.jobs.core.task.TaskRegistry;

/**
 * Which tasks' arguments are always shown masked, for the Actuator endpoint and the dashboard
 * alike.
 */
final class MaskedArgs {

	private MaskedArgs() {
	}

	/**
	 * A task's own setting where this instance registers it (annotation, overridden by
	 * {@code jobs.tasks.<name>.mask-args}), and the property alone for a task it does not.
	 */
	static Predicate<String> of(Map<String, Boolean> configured, TaskRegistry registry) {
		return (task) -> Optional.ofNullable(registry)
			.flatMap((tasks) -> tasks.find(task))
			.map(TaskDefinition::maskArgs)
			.orElseGet(() -> configured.getOrDefault(task, false));
	}

}
