package dev.jobs;

import java.io.Serializable;

/**
 * A reference to a 3-argument {@code void} {@link BackgroundTask} method, written as a method
 * reference such as {@code MailTasks::sendWelcome}. It is never called on the enqueuing side: it
 * only names the task, and its type parameters check the arguments at compile time.
 *
 * @param <B> the bean type declaring the method
 * @param <A1> the type of parameter 1
 * @param <A2> the type of parameter 2
 * @param <A3> the type of parameter 3
 */
@FunctionalInterface
public interface VoidTaskMethod3<B, A1, A2, A3> extends Serializable {

	/**
	 * Calls the method on the bean.
	 * @param bean the bean
	 * @param a1 argument 1
	 * @param a2 argument 2
	 * @param a3 argument 3
	 * @throws Exception whatever the method throws
	 */
	void call(B bean, A1 a1, A2 a2, A3 a3) throws Exception;

}
