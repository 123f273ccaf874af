package dev.jobs.core.task;

import java.util.Map;

import dev.jobs.core.retry.RetryPolicies;

/**
 * What configuration says about tasks, for the scanner: the default queue, per-task queue and
 * retry overrides from {@code jobs.tasks}, and the retry policies.
 *
 * @param defaultQueue the queue of tasks that name none
 * @param queues queue by task name, from {@code jobs.tasks.<name>.queue}
 * @param retries retry policy name by task name, from {@code jobs.tasks.<name>.retry}
 * @param policies the retry policies
 * @param keys key and lock overrides by task name, from {@code jobs.tasks.<name>}
 * @param maskArgs whether Actuator masks a task's arguments, by task name, from
 * {@code jobs.tasks.<name>.mask-args}
 */
public record TaskSettings(String defaultQueue, Map<String, String> queues, Map<String, String> retries,
		RetryPolicies policies, Map<String, TaskKeyOverrides> keys, Map<String, Boolean> maskArgs) {

	/**
	 * Creates a {@code TaskSettings}, checking its components.
	 * @param defaultQueue the queue of tasks that name none
	 * @param queues queue by task name, from {@code jobs.tasks.<name>.queue}
	 * @param retries retry policy name by task name, from {@code jobs.tasks.<name>.retry}
	 * @param policies the retry policies
	 * @param keys key and lock overrides by task name, from {@code jobs.tasks.<name>}
	 * @param maskArgs whether Actuator masks a task's arguments, by task name, from
	 * {@code jobs.tasks.<name>.mask-args}
	 */
	public TaskSettings {
		queues = Map.copyOf(queues);
		retries = Map.copyOf(retries);
		keys = Map.copyOf(keys);
		maskArgs = Map.copyOf(maskArgs);
	}

	/**
	 * Settings without masked arguments.
	 * @param defaultQueue the queue of tasks that name none
	 * @param queues queue by task name
	 * @param retries retry policy name by task name
	 * @param policies the retry policies
	 * @param keys key and lock overrides by task name
	 */
	public TaskSettings(String defaultQueue, Map<String, String> queues, Map<String, String> retries,
			RetryPolicies policies, Map<String, TaskKeyOverrides> keys) {
		this(defaultQueue, queues, retries, policies, keys, Map.of());
	}

	/**
	 * Settings without key overrides.
	 * @param defaultQueue the queue of tasks that name none
	 * @param queues queue by task name
	 * @param retries retry policy name by task name
	 * @param policies the retry policies
	 */
	public TaskSettings(String defaultQueue, Map<String, String> queues, Map<String, String> retries,
			RetryPolicies policies) {
		this(defaultQueue, queues, retries, policies, Map.of());
	}

}
