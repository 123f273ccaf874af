package dev.jobs.core.task;

import java.lang.reflect.Method;
import java.util.function.BiConsumer;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.aop.support.AopUtils;

/**
 * Turns a call of a {@code void} {@code @BackgroundTask} method through its bean into an
 * enqueue: a durable {@code @Async}. The call returns once the broker has confirmed the job.
 * When the worker runs the job, the call proceeds to the method instead (see
 * {@link TaskInvocation}).
 */
public final class VoidTaskInterceptor implements MethodInterceptor {

	private final TaskRegistry registry;

	private final BiConsumer<TaskDefinition, Object[]> enqueue;

	/**
	 * An interceptor that enqueues through the given function.
	 * @param registry the task registry
	 * @param enqueue enqueues a job for a task and its arguments
	 */
	public VoidTaskInterceptor(TaskRegistry registry, BiConsumer<TaskDefinition, Object[]> enqueue) {
		this.registry = registry;
		this.enqueue = enqueue;
	}

	@Override
	public Object invoke(MethodInvocation invocation) throws Throwable {
		if (TaskInvocation.consumeWorkerCall()) {
			return invocation.proceed();
		}
		Class<?> targetClass = (invocation.getThis() != null) ? AopUtils.getTargetClass(invocation.getThis()) : null;
		Method method = AopUtils.getMostSpecificMethod(invocation.getMethod(), targetClass);
		this.enqueue.accept(this.registry.forMethod(method), invocation.getArguments());
		return null;
	}

}
