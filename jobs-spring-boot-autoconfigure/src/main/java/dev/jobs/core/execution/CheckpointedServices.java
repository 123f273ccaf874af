package dev.jobs.core.execution;

import java.time.Duration;
import java.util.Optional;

import dev.jobs.JobCancelledException;
import dev.jobs.JobContext;
import dev.jobs.JobTimeoutException;
import dev.jobs.Progress;
import dev.jobs.workflow.BatchJobs;

/**
 * What a running job's {@link JobContext} is lent, with its checkpoint: the reason the engine
 * interrupted the run, as the exception the task may throw from a loop that never blocks.
 *
 * @param lent the services lent to the run
 * @param job the run's entry in the registry of running jobs
 * @param limit the run's time limit, or {@code null} for none
 */
record CheckpointedServices(JobServices.Lent lent, RunningJobs.RunningJob job, Duration limit)
		implements JobContext.Services {

	@Override
	public void progress(Progress progress) {
		this.lent.progress(progress);
	}

	@Override
	public BatchJobs batch() {
		return this.lent.batch();
	}

	@Override
	public void checkpoint() {
		Optional<InterruptCause> cause = this.job.interruptCause();
		if (cause.isEmpty()) {
			return;
		}
		switch (cause.get()) {
			case CANCELLED -> throw new JobCancelledException(this.job.jobId());
			case TIMEOUT -> throw new JobTimeoutException(this.job.task(), this.limit, null);
			// Given back to the queue: the interrupt stays for the task's next blocking call.
			case SHUTDOWN -> Thread.currentThread().interrupt();
		}
	}

}
