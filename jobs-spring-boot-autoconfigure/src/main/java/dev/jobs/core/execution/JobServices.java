package dev.jobs.core.execution;

import dev.jobs.JobContext;
import dev.jobs.Progress;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.workflow.BatchJobs;

/**
 * Lends each running job what its {@link JobContext} offers beyond its identity: a place for
 * its progress reports and the batch it belongs to. What is lent is given back when the task
 * returns, which stores the job's last progress report.
 */
@FunctionalInterface
public interface JobServices {

	/** Nothing lent: progress goes nowhere, and there is no batch. */
	JobServices NONE = (envelope) -> Lent.NONE;

	/**
	 * Lends the services for one run.
	 * @param envelope the job about to run
	 * @return the services, to close when the task returns
	 */
	Lent lend(JobEnvelope envelope);

	/**
	 * Services lent to one run.
	 */
	interface Lent extends JobContext.Services, AutoCloseable {

		/** Nothing. */
		Lent NONE = new Lent() {
			@Override
			public void progress(Progress progress) {
			}

			@Override
			public BatchJobs batch() {
				return null;
			}

			@Override
			public void close() {
			}
		};

		@Override
		void close();

	}

}
