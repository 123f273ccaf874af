package dev.jobs.core.client;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.jobs.JobStatus;
import dev.jobs.core.port.Cancellations;
import dev.jobs.core.port.ResultRecord;
import dev.jobs.core.port.ResultStore;

/**
 * Cancels jobs, for {@code jobs.cancel(id)}, {@code JobHandle.cancel()} and Actuator:
 * <ol>
 * <li>the ids go to the shared set of cancelled jobs, which every worker reads every second: a
 * worker running one interrupts it, and one that is delivered is skipped;</li>
 * <li>a job known to be waiting (delayed, retrying or deferred) reads {@code CANCELLED} at once;
 * one that may be running already (pending and due, or started) reads so once its worker has
 * skipped or interrupted it; one that has ended is left as it ended.</li>
 * </ol>
 * For the id of a workflow, each of its steps is cancelled, which fails the workflow when the
 * first of them is skipped or interrupted; the steps that already ended are left as they are.
 */
public final class JobCanceller {

	private static final Set<JobStatus> WAITING = Set.of(JobStatus.RETRYING, JobStatus.DEFERRED);

	/**
	 * How far ahead a pending job must be due to be known not to run yet: a job due sooner may
	 * be running already (its {@code STARTED} record is written late), and must not read
	 * {@code CANCELLED} before its worker has interrupted it.
	 */
	private static final Duration NOT_YET_DUE = Duration.ofSeconds(1);

	private final Cancellations cancellations;

	private final ResultStore results;

	private final StepIds steps;

	private final Clock clock;

	/**
	 * A canceller.
	 * @param cancellations the shared set of cancelled jobs
	 * @param results the job records
	 * @param steps the job ids of a workflow's steps
	 * @param clock the clock
	 */
	public JobCanceller(Cancellations cancellations, ResultStore results, StepIds steps, Clock clock) {
		this.cancellations = cancellations;
		this.results = results;
		this.steps = steps;
		this.clock = clock;
	}

	/**
	 * Cancels a job, or every step of a workflow.
	 * @param id a job or workflow id
	 */
	public void cancel(String id) {
		List<String> ids = new ArrayList<>();
		ids.add(id);
		ids.addAll(this.steps.of(id));
		this.cancellations.cancel(ids);
		ids.forEach(this::markIfWaiting);
	}

	private void markIfWaiting(String jobId) {
		Optional<ResultRecord> record = this.results.find(jobId);
		if (record.isEmpty() || !isWaiting(record.get())) {
			return;
		}
		ResultRecord waiting = record.get();
		this.results.record(new ResultRecord(waiting.id(), waiting.task(), waiting.queue(), JobStatus.CANCELLED,
				waiting.run(), waiting.attempts(), waiting.enqueuedAt(), waiting.dueAt(), waiting.startedAt(),
				this.clock.instant(), null, waiting.error(), null, "cancelled", null, waiting.membership(),
				waiting.traceId()));
	}

	private boolean isWaiting(ResultRecord record) {
		if (record.status() == JobStatus.PENDING) {
			return record.dueAt() != null && record.dueAt().isAfter(this.clock.instant().plus(NOT_YET_DUE));
		}
		return WAITING.contains(record.status());
	}

	/**
	 * The job ids of a workflow's steps.
	 */
	@FunctionalInterface
	public interface StepIds {

		/** No workflows. */
		StepIds NONE = (id) -> List.of();

		/**
		 * The job ids of the steps of the workflow with this id.
		 * @param id any id
		 * @return the steps' job ids, or nothing if it is no workflow's
		 */
		Collection<String> of(String id);

	}

}
