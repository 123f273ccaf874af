package dev.jobs;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Brings the arguments of a job written for one version of a task's signature up to the next:
 * from {@link #fromVersion()} to {@code fromVersion() + 1}. Declare one bean per step; a worker
 * chains them (1 to 2, then 2 to 3) before it decodes a job's arguments, so the task method only
 * sees its current parameters. Start-up fails if a task's {@code @BackgroundTask(version)} rises
 * without a step from every version the {@code jobs.versions.window} keeps.
 *
 * <p>The arguments are the job's JSON array as plain Java values, one element per parameter:
 * {@code String}, {@code Boolean}, a {@code Number}, {@code null}, {@code List<Object>} for a
 * JSON array and {@code Map<String, Object>} for an object. Return the list for the next version
 * in the same forms (the given list may be changed and returned). An upcaster must be a pure
 * function of its arguments: a job is upcast again on every attempt that reads its older form.
 * <pre class="code">
 * &#64;Bean
 * TaskUpcaster webhookV1ToV2() {
 *     // version 2 took a Map of headers after the URL
 *     return TaskUpcaster.of("send-webhook", 1, (args) -&gt; {
 *         args.add(1, Map.of());
 *         return args;
 *     });
 * }
 * </pre>
 */
public interface TaskUpcaster {

	/**
	 * The task whose jobs this upcasts.
	 * @return the task name
	 */
	String task();

	/**
	 * The version this upcasts from; it upcasts to the next one.
	 * @return the version, from 1
	 */
	int fromVersion();

	/**
	 * The arguments for version {@code fromVersion() + 1}.
	 * @param args the arguments of version {@link #fromVersion()}, one element per parameter
	 * @return the arguments of the next version
	 */
	List<Object> upcast(List<Object> args);

	/**
	 * An upcaster made of a function.
	 * @param task the task name
	 * @param fromVersion the version it upcasts from, 1 or more
	 * @param function the arguments of the next version, given those of {@code fromVersion}
	 * @return the upcaster
	 */
	static TaskUpcaster of(String task, int fromVersion, UnaryOperator<List<Object>> function) {
		Objects.requireNonNull(task, "task");
		Objects.requireNonNull(function, "function");
		if (fromVersion < 1) {
			throw new IllegalArgumentException("Upcaster of task '" + task + "': fromVersion must be 1 or more, got "
					+ fromVersion);
		}
		return new TaskUpcaster() {

			@Override
			public String task() {
				return task;
			}

			@Override
			public int fromVersion() {
				return fromVersion;
			}

			@Override
			public List<Object> upcast(List<Object> args) {
				return function.apply(args);
			}

			@Override
			public String toString() {
				return "TaskUpcaster[" + task + " " + fromVersion + " -> " + (fromVersion + 1) + "]";
			}

		};
	}

}
