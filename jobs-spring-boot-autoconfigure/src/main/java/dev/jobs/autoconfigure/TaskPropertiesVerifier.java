package dev.jobs.autoconfigure;

import java.util.Map;
import java.util.TreeSet;

import dev.jobs.core.task.TaskDefinition;
import dev.jobs.core.task.TaskRegistry;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Checks {@code jobs.tasks} once every task is registered: an entry that names no local task
 * and no queue is almost always a misspelt task name, which would otherwise be silently
 * ignored.
 */
final class TaskPropertiesVerifier implements SmartInitializingSingleton {

	private final Map<String, JobsProperties.TaskProperties> tasks;

	private final TaskRegistry registry;

	TaskPropertiesVerifier(Map<String, JobsProperties.TaskProperties> tasks, TaskRegistry registry) {
		this.tasks = tasks;
		this.registry = registry;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.tasks.forEach((name, task) -> {
			if (this.registry.find(name).isEmpty() && task.getQueue() == null) {
				TreeSet<String> known = new TreeSet<>();
				this.registry.localTasks().stream().map(TaskDefinition::name).forEach(known::add);
				throw new InvalidConfigurationPropertyValueException("jobs.tasks", name,
						"No @BackgroundTask named '" + name + "' runs here (known: " + known + "). Fix the name"
								+ " (names with dots need brackets: jobs.tasks[" + name + "]), or give a task of"
								+ " another service its queue with jobs.tasks." + name + ".queue.");
			}
		});
	}

}
