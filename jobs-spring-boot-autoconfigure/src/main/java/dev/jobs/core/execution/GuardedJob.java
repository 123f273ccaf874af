package dev.jobs.core.execution;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.task.KeyExpression;
import dev.jobs.core.task.TaskDefinition;

/**
 * A decoded job as its {@link JobGuard}s see it, before its task runs.
 *
 * @param envelope the job
 * @param task the task that would run it
 * @param args the arguments, decoded by the task's parameter types
 * @param queue the job queue it was delivered from
 * @param redelivered whether the broker delivered it before
 * @param lastDelivery whether this is the last delivery its quorum queue allows: one more
 * return and the broker dead-letters it (seen only by a guard that
 * {@linkplain JobGuard#decidesLastDelivery() decides last deliveries})
 * @param now when the guards run
 */
public record GuardedJob(JobEnvelope envelope, TaskDefinition task, List<Object> args, String queue,
		boolean redelivered, boolean lastDelivery, Instant now) {

	/**
	 * The value of one of the task's key expressions (idempotency key, lock, rate-limit or
	 * concurrency key) for this job's arguments.
	 * @param expression the expression
	 * @return the key
	 * @throws IllegalArgumentException if the expression fails or gives no key
	 */
	public String keyOf(KeyExpression expression) {
		return expression.keyFor(this.task.method(), this.args.toArray());
	}

	/**
	 * A fresh owner token for what this delivery takes (a claim, a lock, a permit):
	 * {@code <job id>/<random>}, so that the holder's job can be read from it and two deliveries
	 * of one job never share one.
	 * @return the token
	 */
	public String ownerToken() {
		return this.envelope.id() + "/" + UUID.randomUUID();
	}

}
