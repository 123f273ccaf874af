package dev.jobs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One job for {@link Jobs#enqueueAll(List)}: a task name, its arguments and its options.
 *
 * @param task the task name
 * @param args the arguments, in the order of the task's parameters ({@code null} elements allowed)
 * @param options the job's options
 */
public record JobRequest(String task, List<Object> args, JobOptions options) {

	public JobRequest {
		Objects.requireNonNull(task, "task must not be null");
		args = Collections.unmodifiableList(new ArrayList<>(args));
		options = (options != null) ? options : JobOptions.defaults();
	}

	/**
	 * A request with default options.
	 * @param task the task name
	 * @param args the arguments
	 * @return the request
	 */
	public static JobRequest of(String task, Object... args) {
		return new JobRequest(task, Arrays.asList(args), JobOptions.defaults());
	}

}
