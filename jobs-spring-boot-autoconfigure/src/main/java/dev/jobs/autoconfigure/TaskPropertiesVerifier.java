package dev.jobs.autoconfigure;

import java.util.List;
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
 * Checks {@code jobs.tasks} so that a setting meant for a task is never silently ignored:
 * <ul>
 * <li>a property such as {@code jobs.tasks.WebhookTasks.send.retry} is a task name with a dot
 * written without brackets, which binds to nothing (and likewise a schedule's name under
 * {@code jobs.schedules}): checked before the properties are bound;</li>
 * <li>once every task is registered, an entry that names no local task and no queue is almost always a misspelt task name.</li>
 * </ul>
 */
final class TaskPropertiesVerifier implements SmartInitializingSingleton {

	private static final List<ConfigurationPropertyName> NAMED_ENTRIES = List
		.of(ConfigurationPropertyName.of("jobs.tasks"), ConfigurationPropertyName.of("jobs.schedules"));

	private final Set<String> tasksWithoutQueue;

	private final TaskRegistry registry;

	TaskPropertiesVerifier(Set<String> tasksWithoutQueue, TaskRegistry registry) {
		this.tasksWithoutQueue = tasksWithoutQueue;
		this.registry = registry;
	}

	/**
	 * Fails on a dotted task or schedule name written without brackets. Run before the
	 * properties are bound, since such a property binds to an entry of another name.
	 * @param environment the environment
	 */
	static void requireBracketedNames(Environment environment) {
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.stream().forEach(TaskPropertiesVerifier::requireEntryProperty);
			}
		}
	}

	@Override
	public void afterSingletonsInstantiated() {
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
	 * {@code jobs.tasks.<name>.<setting>} and {@code jobs.schedules.<name>.<setting>} have
	 * exactly four elements, list indexes ({@code args[0]}) aside, and
	 * {@code jobs.tasks.<name>.circuit-breaker.<setting>} five; a dotted name written without
	 * brackets makes more.
	 */
	private static void requireEntryProperty(ConfigurationPropertyName name) {
		ConfigurationPropertyName root = NAMED_ENTRIES.stream()
			.filter((entries) -> entries.isAncestorOf(name))
			.findFirst()
			.orElse(null);
		if (root == null) {
			return;
		}
		int elements = name.getNumberOfElements();
		while (elements > 0 && name.isNumericIndex(elements - 1)) {
			elements--;
		}
		if (elements <= 4 || (elements == 5 && name.getElement(3, Form.UNIFORM).equals("circuitbreaker")
				&& root.equals(NAMED_ENTRIES.get(0)))) {
			return;
		}
		StringBuilder entry = new StringBuilder(name.getElement(2, Form.ORIGINAL));
		for (int i = 3; i < elements - 1; i++) {
			entry.append('.').append(name.getElement(i, Form.ORIGINAL));
		}
		String setting = name.getElement(elements - 1, Form.ORIGINAL);
		String property = root + "[" + entry + "]." + setting;
		throw new InvalidConfigurationPropertyValueException(name.toString(), setting,
				"A name with dots needs brackets: " + property + " (in YAML, quote the key: \"[" + entry + "]\").");
	}

}
