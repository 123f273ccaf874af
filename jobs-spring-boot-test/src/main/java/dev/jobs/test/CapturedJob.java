package dev.jobs.test;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One job message as the engine published it in test mode: a first enqueue (attempt 1), a
 * chain's next step, a retry (a later attempt) or a deferred copy.
 *
 * @param id the job id
 * @param task the task name
 * @param queue the job queue it went to
 * @param attempt the attempt it carries, 1 for the first
 * @param args its arguments, decoded by the task's declared parameter types where the task is
 * registered in this application (otherwise as plain JSON values: maps, lists, strings, numbers)
 * @param enqueuedAt when the job was first enqueued, by the test's clock
 * @param dueAt when it is due, or {@code null} for at once
 */
public record CapturedJob(String id, String task, String queue, int attempt, List<Object> args, Instant enqueuedAt,
		Instant dueAt) {

	/**
	 * Keeps the arguments, {@code null}s included, unmodifiable.
	 * @param id the job id
	 * @param task the task name
	 * @param queue the job queue
	 * @param attempt the attempt
	 * @param args the arguments
	 * @param enqueuedAt when first enqueued
	 * @param dueAt when due, or {@code null}
	 */
	public CapturedJob {
		// List.copyOf refuses nulls, and a task may well be passed one.
		args = Collections.unmodifiableList(Arrays.asList(args.toArray()));
	}

	/**
	 * One argument, cast to the type the test expects.
	 * @param <T> the type
	 * @param index the argument's position, from 0
	 * @param type the type
	 * @return the argument
	 * @throws ClassCastException if it is of another type
	 */
	public <T> T arg(int index, Class<T> type) {
		return type.cast(this.args.get(index));
	}

}
