package dev.jobs.core.task;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;

import org.springframework.aop.support.AopUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Calls a task's method on its bean with decoded arguments, unwrapping reflection so that the
 * caller sees exactly what the task threw.
 */
public final class TaskInvoker {

	/**
	 * Runs the task.
	 * @param task the task
	 * @param args its decoded arguments
	 * @return the method's return value ({@code null} for {@code void})
	 * @throws Exception what the task method threw
	 */
	public Object invoke(TaskDefinition task, Object[] args) throws Exception {
		Object bean = task.bean().get();
		Method method = AopUtils.selectInvocableMethod(task.method(), bean.getClass());
		ReflectionUtils.makeAccessible(method);
		if (task.isVoid()) {
			TaskInvocation.markWorkerCall();
		}
		try {
			return method.invoke(bean, args);
		}
		catch (InvocationTargetException ex) {
			throw unwrap(ex.getTargetException());
		}
		finally {
			TaskInvocation.clear();
		}
	}

	/**
	 * What the task threw, for the retry policy. Errors such as {@code StackOverflowError},
	 * {@code AssertionError} or {@code NoClassDefFoundError} are the task's failures too, wrapped
	 * so they are settled like any other; only {@code OutOfMemoryError} and similar
	 * virtual-machine errors go on up, since nothing can be settled reliably after them.
	 */
	private static Exception unwrap(Throwable thrown) {
		Throwable cause = thrown;
		while (cause instanceof UndeclaredThrowableException undeclared && undeclared.getCause() != null) {
			cause = undeclared.getCause();
		}
		if (cause instanceof VirtualMachineError error && !(error instanceof StackOverflowError)) {
			throw error;
		}
		return (cause instanceof Exception exception) ? exception : new TaskError(cause);
	}

}
