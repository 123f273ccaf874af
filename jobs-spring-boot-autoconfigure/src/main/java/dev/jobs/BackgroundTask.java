package dev.jobs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a Spring bean as a background task: a unit of work that any instance's
 * worker can run from a durable job.
 *
 * <p>Enqueue it with {@link Jobs#enqueue(TaskMethod1, Object) jobs.enqueue(MyTasks::method, arg)},
 * or by name with {@link Jobs#enqueue(String, Object...)}. A {@code void} task method called
 * through the injected bean is enqueued instead of run: a durable {@code @Async}.
 *
 * <p>Arguments travel as JSON, encoded and decoded by the method's declared parameter types,
 * so pass identifiers and plain values, not live objects such as entities or streams.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface BackgroundTask {

	/**
	 * Task name, the stable identity a job message carries. Defaults to the bean class's
	 * simple name, a dot and the method name, for example {@code WebhookTasks.send}. Give an
	 * explicit name when other services enqueue the task or when the class may be renamed.
	 * @return the task name, or empty for the default
	 */
	String name() default "";

	/**
	 * Job queue the task's jobs are published to, unless {@code jobs.tasks.<name>.queue} or a
	 * {@link JobOptions#queue(String) job option} says otherwise.
	 * @return the queue name, or empty for {@code jobs.default-queue}
	 */
	String queue() default "";

	/**
	 * Retry policy for the task's failures: a name under {@code jobs.retry.policies}, unless
	 * {@code jobs.tasks.<name>.retry} says otherwise (so operators can tune retries without a
	 * rebuild).
	 * @return the policy name, or empty for {@code jobs.retry.default}
	 */
	String retry() default "";

}
