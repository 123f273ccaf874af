package dev.jobs.core.flow;

import java.time.Duration;
import java.util.Objects;

import tools.jackson.databind.node.ArrayNode;

/**
 * One job a workflow or batch will enqueue when its time comes: a step, an error callback, a
 * batch's callback. Its id is fixed when the workflow is submitted, so that publishing it again
 * (after a redelivery of the job that started it) publishes the same job, which its idempotency
 * key then runs once.
 *
 * @param jobId the job id
 * @param task the task name
 * @param queue the queue
 * @param args the arguments given when the workflow was built, encoded
 * @param immutable whether the job ignores the result of what ran before it; otherwise that
 * result is put in front of {@code args}
 * @param delay how long after it is started the job is due, or {@code null}
 * @param expiresIn how long after it is started the job expires unrun, or {@code null}
 * @param idempotencyKey the idempotency key the user gave, or {@code null} for the one the
 * engine derives from the workflow
 * @param priority the message priority, 0 for none
 * @param retryPolicy the retry policy the signature named, or {@code null} for the task's
 * @param taskVersion the version of the task's signature {@code args} were written for, from 1
 */
public record JobSpec(String jobId, String task, String queue, ArrayNode args, boolean immutable, Duration delay,
		Duration expiresIn, String idempotencyKey, int priority, String retryPolicy, int taskVersion) {

	/**
	 * Creates a {@code JobSpec}, checking its components.
	 * @param jobId the job id
	 * @param task the task name
	 * @param queue the queue
	 * @param args the arguments given when the workflow was built, encoded
	 * @param immutable whether the job ignores the result of what ran before it; otherwise that
	 * result is put in front of {@code args}
	 * @param delay how long after it is started the job is due, or {@code null}
	 * @param expiresIn how long after it is started the job expires unrun, or {@code null}
	 * @param idempotencyKey the idempotency key the user gave, or {@code null} for the one the
	 * engine derives from the workflow
	 * @param priority the message priority, 0 for none
	 * @param retryPolicy the retry policy the signature named, or {@code null} for the task's
	 * @param taskVersion the version of the task's signature {@code args} were written for, from 1
	 */
	public JobSpec {
		Objects.requireNonNull(jobId, "jobId");
		Objects.requireNonNull(task, "task");
		Objects.requireNonNull(queue, "queue");
		Objects.requireNonNull(args, "args");
	}

}
