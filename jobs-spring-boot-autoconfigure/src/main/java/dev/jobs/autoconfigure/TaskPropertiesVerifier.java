package dev.jobs.autoconfigure;

import java.util.Set;
import java.util.TreeSet;

import dev.jobs.core.task.TaskDefinition;
import dev.jobs.core.task.TaskRegistry;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * Checks {@code jobs.tasks} once every task is registered, so that a setting meant for a task
 * is never silently ignored:
 * <ul>
 * <li>a property such as {@code jobs.tasks.WebhookTasks.send.retry} is a task name with a dot
 * written without brackets, which binds to nothing;</li>
 * <li>an entry that names no local task and no queue is almost always a misspelt task name.</li>
 * </ul>
 */
final class TaskPropertiesVerifier implements SmartInitializingSingleton {

	private static final ConfigurationPropertyName TASKS = ConfigurationPropertyName.of("jobs.tasks");

	private final Set<String> tasksWithoutQueue;

	private final TaskRegistry registry;

	private final Environment environment;

	TaskPropertiesVerifier(Set<String> tasksWithoutQueue, TaskRegistry registry, Environment environment) {
		this.tasksWithoutQueue = tasksWithoutQueue;
		this.registry = registry;
		this.environment = environment;
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.stream().filter(TASKS::isAncestorOf).forEach(TaskPropertiesVerifier::requireTaskProperty);
			}
		}
		this.tasksWithoutQueue.forEach((name) -> {
			if (this.registry.find(name).isEmpty()) {
				TreeSet<String> known = new TreeSet<>();
				this.registry.localTasks().stream().map(TaskDefinition::name).forEach(known::add);
				throw new InvalidConfigurationPropertyValueException("jobs.tasks", name,
						"No @BackgroundTask named '" + name + "' runs here (known: " + known + "). Fix the name"
								+ " (names with dots need brackets: jobs.tasks[" + name + "]), or give a task of"
								+ " another service its queue with jobs.tasks." + name + ".queue.");
			}
		});
	}

	/**
	 * {@code jobs.tasks.<name>.<setting>} has exactly four elements; a dotted task name written
	 * without brackets makes more.
	 */
	private static void requireTaskProperty(ConfigurationPropertyName name) {
		int elements = name.getNumberOfElements();
		if (elements <= 4) {
			return;
		}
		StringBuilder task = new StringBuilder(name.getElement(2, Form.ORIGINAL));
		for (int i = 3; i < elements - 1; i++) {
			task.append('.').append(name.getElement(i, Form.ORIGINAL));
		}
		String setting = name.getElement(elements - 1, Form.ORIGINAL);
		throw new InvalidConfigurationPropertyValueException(name.toString(), setting,
				"A task name with dots needs brackets: jobs.tasks[" + task + "]." + setting
						+ " (in YAML, quote the key: \"[" + task + "]\").");
	}

}
