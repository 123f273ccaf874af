package dev.jobs.actuate.endpoint;

import java.time.Instant;
import java.util.Optional;

import dev.jobs.JobError;
import dev.jobs.JobSnapshot;
import dev.jobs.JobStatus;
import dev.jobs.Jobs;
import dev.jobs.Progress;
import dev.jobs.workflow.BatchSnapshot;
import dev.jobs.workflow.WorkflowSnapshot;
import dev.jobs.workflow.WorkflowStatus;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * Finds one job, workflow or batch by id for {@code GET /actuator/jobs/{id}}, and cancels one for
 * {@code POST /actuator/jobs/{id}/cancel}: its record, its
 * latest progress report, and for a workflow or batch its counts. Arguments and results are not
 * shown: they may hold what an operator must not see.
 */
public final class JobLookup {

	private final Jobs jobs;

	/**
	 * Creates the lookup.
	 * @param jobs the front door
	 */
	public JobLookup(Jobs jobs) {
		this.jobs = jobs;
	}

	/**
	 * What is known under an id.
	 * @param id a job, workflow or batch id
	 * @return its state, or empty if nothing is known under it
	 */
	public Optional<JobDescriptor> find(String id) {
		JobSnapshot<Object> job = this.jobs.handle(id).snapshot();
		boolean plainJob = job.task() != null && !"workflow".equals(job.task()) && !"batch".equals(job.task());
		WorkflowSnapshot workflow = plainJob ? null : present(this.jobs.workflow(id).snapshot());
		BatchSnapshot batch = plainJob ? null : present(this.jobs.batchHandle(id).snapshot());
		if (job.status() == JobStatus.UNKNOWN && workflow == null && batch == null) {
			return Optional.empty();
		}
		return Optional.of(new JobDescriptor(id, job.task(), job.status(), job.attempts(), job.startedAt(),
				job.finishedAt(), job.error(), job.reason(), plainJob ? this.jobs.handle(id).progress() : null,
				workflow, batch));
	}

	/**
	 * Cancels what is known under an id, for {@code POST /actuator/jobs/{id}/cancel}.
	 * @param id a job or workflow id
	 * @return its state after the cancel, or empty if nothing is known under it (nothing is
	 * cancelled then)
	 */
	public Optional<JobDescriptor> cancel(String id) {
		if (find(id).isEmpty()) {
			return Optional.empty();
		}
		this.jobs.cancel(id);
		return find(id);
	}

	private static WorkflowSnapshot present(WorkflowSnapshot snapshot) {
		return (snapshot.status() != WorkflowStatus.EXPIRED) ? snapshot : null;
	}

	private static BatchSnapshot present(BatchSnapshot snapshot) {
		return (snapshot.status() != WorkflowStatus.EXPIRED) ? snapshot : null;
	}

	/**
	 * One job, workflow or batch, as Actuator shows it.
	 *
	 * @param id the id
	 * @param task the task, {@code workflow} or {@code batch} once one has ended; {@code null}
	 * without a record
	 * @param status the record's status ({@code UNKNOWN} for a workflow or batch still running)
	 * @param attempts attempts started
	 * @param startedAt when the latest attempt started
	 * @param finishedAt when it ended
	 * @param error the latest error
	 * @param reason why it is deferred or skipped
	 * @param progress its latest progress report, for a job
	 * @param workflow the workflow's state, for a workflow id
	 * @param batch the batch's counts, for a batch id
	 */
	public record JobDescriptor(String id, String task, JobStatus status, int attempts, Instant startedAt,
			Instant finishedAt, JobError error, String reason, Progress progress, WorkflowSnapshot workflow,
			BatchSnapshot batch) implements OperationResponseBody {
	}

}
