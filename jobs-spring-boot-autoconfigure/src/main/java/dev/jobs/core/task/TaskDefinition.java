package dev.jobs.core.task;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.jobs.core.envelope.ArgumentCodec;
import dev.jobs.core.retry.RetryPolicy;

/**
 * A task this application can run: its name and queue, the bean and method that do the work,
 * and the codec for its arguments and result.
 *
 * @param name the task name
 * @param queue the job queue its jobs go to unless an option says otherwise
 * @param beanName the name of the bean that declares it, for messages
 * @param bean the bean to invoke, looked up as the context holds it (so its proxies, such
 * as transactions, apply)
 * @param method the method as declared on the bean's class
 * @param codec the argument and result codec
 * @param retry the retry policy for its failures
 * @param keys how its jobs are keyed and locked
 * @param maskArgs whether Actuator shows its arguments masked
 * @param version the version of its signature, from 1 ({@code @BackgroundTask(version)})
 */
public record TaskDefinition(String name, String queue, String beanName, Supplier<Object> bean, Method method,
		ArgumentCodec codec, RetryPolicy retry, TaskKeys keys, boolean maskArgs, int version) {

	/**
	 * Creates a {@code TaskDefinition}, checking its components.
	 * @param name the task name
	 * @param queue the job queue its jobs go to unless an option says otherwise
	 * @param beanName the name of the bean that declares it, for messages
	 * @param bean the bean to invoke, looked up as the context holds it (so its proxies, such
	 * as transactions, apply)
	 * @param method the method as declared on the bean's class
	 * @param codec the argument and result codec
	 * @param retry the retry policy for its failures
	 * @param keys how its jobs are keyed and locked
	 * @param maskArgs whether Actuator shows its arguments masked
	 * @param version the version of its signature, from 1 ({@code @BackgroundTask(version)})
	 */
	public TaskDefinition {
		keys = (keys != null) ? keys : TaskKeys.NONE;
		if (version < 1) {
			throw new IllegalArgumentException("Task '" + name + "': version must be 1 or more, got " + version);
		}
	}

	/**
	 * A task of the first version of its signature.
	 * @param name the task name
	 * @param queue its job queue
	 * @param beanName the name of the bean that declares it
	 * @param bean the bean to invoke
	 * @param method the method
	 * @param codec the argument and result codec
	 * @param retry the retry policy
	 * @param keys how its jobs are keyed and locked
	 * @param maskArgs whether Actuator shows its arguments masked
	 */
	public TaskDefinition(String name, String queue, String beanName, Supplier<Object> bean, Method method,
			ArgumentCodec codec, RetryPolicy retry, TaskKeys keys, boolean maskArgs) {
		this(name, queue, beanName, bean, method, codec, retry, keys, maskArgs, 1);
	}

	/**
	 * A task whose arguments Actuator shows as {@code jobs.actuate.show-values} says.
	 * @param name the task name
	 * @param queue its job queue
	 * @param beanName the name of the bean that declares it
	 * @param bean the bean to invoke
	 * @param method the method
	 * @param codec the argument and result codec
	 * @param retry the retry policy
	 * @param keys how its jobs are keyed and locked
	 */
	public TaskDefinition(String name, String queue, String beanName, Supplier<Object> bean, Method method,
			ArgumentCodec codec, RetryPolicy retry, TaskKeys keys) {
		this(name, queue, beanName, bean, method, codec, retry, keys, false);
	}

	/**
	 * The method with its parameter types, for messages: overloads read apart.
	 * @return {@code com.example.Tasks.method(java.lang.String, int)}
	 */
	public String methodDescription() {
		return this.method.getDeclaringClass().getName() + "." + this.method.getName() + "("
				+ Arrays.stream(this.method.getParameterTypes()).map(Class::getTypeName).collect(Collectors.joining(", "))
				+ ")";
	}

	/**
	 * The method and the bean that declares it, for messages.
	 * @return {@code com.example.Tasks.method(java.lang.String) on bean 'tasks'}
	 */
	public String declaration() {
		return methodDescription() + " on bean '" + this.beanName + "'";
	}

	/**
	 * Whether the method returns nothing.
	 * @return {@code true} for a {@code void} method
	 */
	public boolean isVoid() {
		return this.method.getReturnType() == void.class;
	}

}
