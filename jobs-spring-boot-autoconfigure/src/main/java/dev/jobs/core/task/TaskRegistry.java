package dev.jobs.core.task;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.jobs.UnknownTaskException;

import org.springframework.aop.support.AopUtils;

/**
 * Every task this application knows: the {@code @BackgroundTask} methods it runs (collected as
 * beans are created) and the tasks of other services it may enqueue by name (declared with a
 * queue under {@code jobs.tasks}).
 *
 * <p>A name means one method on one bean. Two beans of one class would declare every task of
 * that class twice, and a worker could run a job on only one of them, so they fail start-up
 * like two methods with one name do, rather than one of them being dropped in silence.
 */
public final class TaskRegistry {

	/**
	 * The prefix of the engine's own tasks (such as {@code jobs.chord-deadline}): they run like
	 * any task, but are not the application's, so they are neither listed among its tasks nor
	 * given a job queue of their own (their jobs go to a queue of the application's).
	 */
	public static final String ENGINE_PREFIX = "jobs.";

	private final Map<String, TaskDefinition> local = new ConcurrentHashMap<>();

	private final Map<Method, TaskDefinition> byMethod = new ConcurrentHashMap<>();

	private final Map<String, String> remoteQueues;

	/**
	 * A registry that also knows these tasks run elsewhere.
	 * @param remoteQueues queue by task name for tasks declared in configuration
	 */
	public TaskRegistry(Map<String, String> remoteQueues) {
		this.remoteQueues = Map.copyOf(remoteQueues);
	}

	/**
	 * Adds a local task.
	 * @param task the task
	 * @throws TaskDefinitionException if another method, or the same method on another bean,
	 * already uses the task's name
	 */
	public void register(TaskDefinition task) {
		TaskDefinition existing = this.local.putIfAbsent(task.name(), task);
		if (existing != null && !existing.method().equals(task.method())) {
			throw new TaskDefinitionException("Two @BackgroundTask methods are named '" + task.name() + "': "
					+ existing.declaration() + " and " + task.declaration()
					+ ". Give one of them another name with @BackgroundTask(name = \"...\")", null);
		}
		if (existing != null && !existing.beanName().equals(task.beanName())) {
			String type = task.method().getDeclaringClass().getName();
			throw new TaskDefinitionException("Task '" + task.name() + "' is declared by two beans of one class, '"
					+ existing.beanName() + "' and '" + task.beanName() + "' (" + task.methodDescription()
					+ "), and a worker would run all its jobs on one of them. Define only one bean of " + type
					+ ", or give the other bean's work a task of its own: a method with its own"
					+ " @BackgroundTask(name = \"...\"), for example in a subclass", null);
		}
		this.byMethod.put(task.method(), task);
	}

	/**
	 * The local task of that name.
	 * @param name the task name
	 * @return the task, or empty if this application does not run it
	 */
	public Optional<TaskDefinition> find(String name) {
		return Optional.ofNullable(this.local.get(name));
	}

	/**
	 * The queue a task's jobs go to by default, for local and remote tasks.
	 * @param name the task name
	 * @return the queue name
	 * @throws UnknownTaskException if the task is neither local nor declared
	 */
	public String queueOf(String name) {
		TaskDefinition task = this.local.get(name);
		if (task != null) {
			return task.queue();
		}
		String queue = this.remoteQueues.get(name);
		if (queue == null) {
			throw new UnknownTaskException(name, "No task named '" + name + "' is known here (local tasks: "
					+ localTasks().stream().map(TaskDefinition::name).sorted().toList() + "). Annotate a bean method with @BackgroundTask(name = \""
					+ name + "\"), or declare a task another service runs with jobs.tasks." + name + ".queue");
		}
		return queue;
	}

	/**
	 * The local task a method reference names.
	 * @param method the method the reference resolved to
	 * @return the task
	 * @throws UnknownTaskException if the method is not a registered {@code @BackgroundTask}
	 */
	public TaskDefinition forMethod(Method method) {
		TaskDefinition task = this.byMethod.get(method);
		if (task == null) {
			task = this.byMethod.values()
				.stream()
				.filter((candidate) -> overrides(candidate.method(), method))
				.findFirst()
				.orElseThrow(() -> new UnknownTaskException(method.getName(),
						method.getDeclaringClass().getName() + "." + method.getName()
								+ " is not a registered task: annotate it with @BackgroundTask and make its class"
								+ " a Spring bean"));
		}
		return task;
	}

	/**
	 * Whether a task's method implements one declared higher up, such as an interface method
	 * named by {@code MyInterface::method}, generic parameters included.
	 */
	private static boolean overrides(Method implementation, Method declared) {
		return implementation.getName().equals(declared.getName())
				&& implementation.getParameterCount() == declared.getParameterCount()
				&& declared.getDeclaringClass().isAssignableFrom(implementation.getDeclaringClass())
				&& AopUtils.getMostSpecificMethod(declared, implementation.getDeclaringClass()).equals(implementation);
	}

	/**
	 * Every local task of the application's, without the engine's own.
	 * @return the local tasks
	 */
	public Collection<TaskDefinition> localTasks() {
		return this.local.values().stream().filter((task) -> !task.name().startsWith(ENGINE_PREFIX)).toList();
	}

}
