package dev.jobs.core.execution;

import java.time.Instant;
import java.util.List;

import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.task.TaskDefinition;

/**
 * A decoded job as its {@link JobGuard}s see it, before its task runs.
 *
 * @param envelope the job
 * @param task the task that would run it
 * @param args the arguments, decoded by the task's parameter types
 * @param queue the job queue it was delivered from
 * @param redelivered whether the broker delivered it before
 * @param now when the guards run
 */
public record GuardedJob(JobEnvelope envelope, TaskDefinition task, List<Object> args, String queue,
		boolean redelivered, Instant now) {

}
