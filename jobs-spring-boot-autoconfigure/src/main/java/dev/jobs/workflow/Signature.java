package dev.jobs.workflow;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.jobs.JobOptions;

/**
 * One job of a workflow: a task, the arguments given now, and options. In a chain (or as a
 * callback) the result of what ran before is put in front of the given arguments, unless the
 * signature is {@linkplain #immutable() immutable}: {@code sig(Csv::parse)} is given the
 * download's result, {@code sig(Store::save, "archive").immutable()} is not. Build one with
 * {@link Workflows#sig}.
 *
 * @param method the task method as a method reference, or {@code null} for a task given by name
 * @param task the task name, or {@code null} for a task given by method reference
 * @param args the arguments given now (elements may be {@code null})
 * @param options the job's options (queue, delay, expiry, idempotency key, priority)
 * @param isImmutable whether the job ignores the result of what ran before it
 * @param errback the error callback, or {@code null}
 * @param <T> the task's result type
 */
public record Signature<T>(Serializable method, String task, List<Object> args, JobOptions options,
		boolean isImmutable, Signature<?> errback) implements Workflow<T> {

	/**
	 * Creates a {@code Signature}, checking its components.
	 * @param method the task method as a method reference, or {@code null} for a task given by name
	 * @param task the task name, or {@code null} for a task given by method reference
	 * @param args the arguments given now (elements may be {@code null})
	 * @param options the job's options (queue, delay, expiry, idempotency key, priority)
	 * @param isImmutable whether the job ignores the result of what ran before it
	 * @param errback the error callback, or {@code null}
	 */
	public Signature {
		if ((method == null) == (task == null)) {
			throw new IllegalArgumentException("A signature names its task by method reference or by name");
		}
		args = Collections.unmodifiableList(new ArrayList<>(args));
		options = (options != null) ? options : JobOptions.defaults();
	}

	/**
	 * This signature ignoring the result of what runs before it (Celery's {@code .si()}).
	 * @return the new signature
	 */
	public Signature<T> immutable() {
		return new Signature<>(this.method, this.task, this.args, this.options, true, this.errback);
	}

	/**
	 * This signature with other options.
	 * @param options the options
	 * @return the new signature
	 */
	public Signature<T> with(JobOptions options) {
		return new Signature<>(this.method, this.task, this.args, options, this.isImmutable, this.errback);
	}

	@Override
	public Signature<T> onError(Signature<?> errback) {
		return new Signature<>(this.method, this.task, this.args, this.options, this.isImmutable, errback);
	}

}
