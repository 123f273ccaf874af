package dev.jobs;

import java.io.Serializable;

/**
 * A reference to a 1-argument {@link BackgroundTask} method that returns a value, written as a
 * method reference such as {@code ReportTasks::build}. It is never called on the enqueuing side:
 * it only names the task, and its type parameters check the arguments at compile time.
 *
 * @param <B> the bean type declaring the method
 * @param <A1> the type of parameter 1
 * @param <R> the result type
 */
@FunctionalInterface
public interface TaskMethod1<B, A1, R> extends Serializable {

	/**
	 * Calls the method on the bean.
	 * @param bean the bean
	 * @param a1 argument 1
	 * @return the method's result
	 * @throws Exception whatever the method throws
	 */
	R call(B bean, A1 a1) throws Exception;

}
