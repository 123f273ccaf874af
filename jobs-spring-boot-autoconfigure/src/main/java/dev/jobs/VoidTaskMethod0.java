package dev.jobs;

import java.io.Serializable;

/**
 * A reference to a 0-argument {@code void} {@link BackgroundTask} method, written as a method
 * reference such as {@code MailTasks::sendWelcome}. It is never called on the enqueuing side: it
 * only names the task, and its type parameters check the arguments at compile time.
 *
 * @param <B> the bean type declaring the method
 */
@FunctionalInterface
public interface VoidTaskMethod0<B> extends Serializable {

	/**
	 * Calls the method on the bean.
	 * @param bean the bean
	 * @throws Exception whatever the method throws
	 */
	void call(B bean) throws Exception;

}
