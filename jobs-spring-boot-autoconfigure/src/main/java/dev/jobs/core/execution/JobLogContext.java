package dev.jobs.core.execution;

import org.slf4j.MDC;

import dev.jobs.JobContext;

/**
 * Puts the running job's id, task, attempt and queue into the logging MDC of the thread that
 * runs it, under the keys {@link JobContext} names, so that every line the task logs says which
 * job wrote it; and puts back what the thread had before when the run ends, so that nothing of
 * one job is left on a pooled thread for the next line it writes.
 */
final class JobLogContext implements AutoCloseable {

	private static final String[] KEYS = { JobContext.MDC_JOB_ID, JobContext.MDC_TASK, JobContext.MDC_ATTEMPT,
			JobContext.MDC_QUEUE };

	private final String[] previous = new String[KEYS.length];

	private JobLogContext(String... values) {
		for (int i = 0; i < KEYS.length; i++) {
			this.previous[i] = MDC.get(KEYS[i]);
			MDC.put(KEYS[i], values[i]);
		}
	}

	/**
	 * Puts a job into the MDC until closed.
	 * @param context the job
	 * @return the scope to close when the run ends
	 */
	static JobLogContext open(JobContext context) {
		return new JobLogContext(context.jobId(), context.task(), Integer.toString(context.attempt()),
				context.queue());
	}

	@Override
	public void close() {
		for (int i = 0; i < KEYS.length; i++) {
			if (this.previous[i] != null) {
				MDC.put(KEYS[i], this.previous[i]);
			}
			else {
				MDC.remove(KEYS[i]);
			}
		}
	}

}
