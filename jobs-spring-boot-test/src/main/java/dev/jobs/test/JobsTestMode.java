package dev.jobs.test;

/**
 * What happens to a job enqueued in test mode.
 */
public enum JobsTestMode {

	/**
	 * Each job runs on the calling thread before its enqueue returns, through the real worker:
	 * the same argument codec, guards, retry policies and failure listeners, its result readable
	 * through its {@link dev.jobs.JobHandle}. A job enqueued while another runs (a chain's next
	 * step, a retry, a job a task enqueues) runs after it, on the same thread. A delayed job or a
	 * retry waits until the test advances the {@linkplain VirtualClock clock} to it.
	 */
	INLINE,

	/**
	 * Jobs are recorded and wait: nothing runs until the test calls
	 * {@link JobsTestHarness#runAll()} or {@link JobsTestHarness#drain()}. For assertions on what
	 * was enqueued, with which arguments and when it is due.
	 */
	CAPTURE

}
