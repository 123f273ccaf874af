package dev.jobs;

import java.io.Serializable;

/**
 * A reference to a 1-argument {@code void} {@link BackgroundTask} method, written as a method
 * reference such as {@code MailTasks::sendWelcome}. It is never called on the enqueuing side: it
 * only names the task, and its type parameters check the arguments at compile time.
 *
 * @param <B> the bean type declaring the method
 * @param <A1> the type of parameter 1
 */
@FunctionalInterface
public interface VoidTaskMethod1<B, A1> extends Serializable {

	/**
	 * Calls the method on the bean.
	 * @param bean the bean
	 * @param a1 argument 1
	 * @throws Exception whatever the method throws
	 */
	void call(B bean, A1 a1) throws Exception;

}
