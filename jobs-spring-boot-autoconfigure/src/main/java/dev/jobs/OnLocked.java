package dev.jobs;

/**
 * What becomes of a job whose {@linkplain BackgroundTask#lock() lock} another job holds.
 */
public enum OnLocked {

	/**
	 * End the job without running it: its status is {@link JobStatus#SKIPPED} with the reason
	 * {@code already_running}. For work where one run at a time is enough (a sync, a refresh).
	 */
	SKIP,

	/**
	 * Run it later: the job is deferred ({@link JobStatus#DEFERRED}) and tried again after a
	 * pause, without spending an attempt, until it gets the lock.
	 */
	RETRY

}
