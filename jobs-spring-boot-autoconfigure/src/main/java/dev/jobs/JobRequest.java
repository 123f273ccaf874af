package dev.jobs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One job for {@link Jobs#enqueueAll(List)} or {@link Jobs#enqueueAsync(JobRequest)}: a task name,
 * its arguments and its options.
 *
 * @param task the task name
 * @param args the arguments, in the order of the task's parameters ({@code null} elements allowed)
 * @param options the job's options; {@code null} for those of the {@link Jobs} view it is
 * enqueued through ({@link Jobs#with(JobOptions)}), the defaults on the plain front door
 */
public record JobRequest(String task, List<Object> args, JobOptions options) {

	/**
	 * Creates a {@code JobRequest}, checking its components.
	 * @param task the task name
	 * @param args the arguments, in the order of the task's parameters ({@code null} elements allowed)
	 * @param options the job's options; {@code null} for those of the {@link Jobs} view it is
	 * enqueued through ({@link Jobs#with(JobOptions)}), the defaults on the plain front door
	 */
	public JobRequest {
		Objects.requireNonNull(task, "task must not be null");
		args = Collections.unmodifiableList(new ArrayList<>(args));
	}

	/**
	 * A request with the options of the view it is enqueued through.
	 * @param task the task name
	 * @param args the arguments
	 * @return the request
	 */
	public static JobRequest of(String task, Object... args) {
		return new JobRequest(task, Arrays.asList(args), null);
	}

}
