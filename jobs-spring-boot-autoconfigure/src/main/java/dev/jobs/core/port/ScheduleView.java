package dev.jobs.core.port;

import java.time.Instant;

import dev.jobs.JobStatus;

/**
 * One schedule as operators see it: its definition, what this instance computes, and its shared
 * record.
 *
 * @param name the schedule's name
 * @param task the task it enqueues
 * @param expression when it fires, such as {@code cron 0 0 8 * * * (UTC)}
 * @param source where it is declared
 * @param enabled whether it is enabled in configuration
 * @param paused whether an operator paused it, or {@code null} if the record could not be read
 * @param nextFireTime its next slot, or {@code null} if it never fires again
 * @param lastSlot the latest slot claimed, or {@code null}
 * @param lastJobId its latest job, or {@code null}
 * @param lastJobStatus that job's status, or {@code null}
 * @param lastFiredAt when that job was enqueued (confirmed by the broker), or {@code null}
 * @param missed slots that came too late to fire
 * @param skipped slots skipped because earlier jobs were in flight
 * @param error why the record could not be read, or {@code null}
 */
public record ScheduleView(String name, String task, String expression, String source, boolean enabled,
		Boolean paused, Instant nextFireTime, Instant lastSlot, String lastJobId, JobStatus lastJobStatus,
		Instant lastFiredAt, long missed, long skipped, String error) {

}
