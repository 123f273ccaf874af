package dev.jobs.core.port;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.jobs.Progress;

/**
 * Keeps job result records, expiring them after the configured time to live, and tells
 * waiters when a job finishes.
 */
public interface ResultStore {

	/**
	 * Records that an attempt started. May return before the record is written, and may never
	 * write it for an attempt that ends soon (its next {@link #record} replaces it): a lost
	 * {@code STARTED} record costs nothing, and the worker must not wait for it.
	 * @param record the {@code STARTED} record
	 */
	void recordStarted(ResultRecord record);

	/**
	 * Records a job's state and returns once it is stored; for a terminal status, announces
	 * it to {@link #awaitTerminal} callers in any instance.
	 * @param record the record
	 */
	void record(ResultRecord record);

	/**
	 * Records a job's state without waiting for the store: the future completes once the record
	 * is stored, or exceptionally if it could not be. Records handed over one after another are
	 * stored, and their futures complete, in that order. This default stores it on the caller's
	 * thread.
	 * @param record the record
	 * @return completes once the record is stored
	 */
	default CompletableFuture<Void> recordAsync(ResultRecord record) {
		try {
			record(record);
			return CompletableFuture.completedFuture(null);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	/**
	 * The record of a job.
	 * @param jobId the job id
	 * @return the record, or empty if there is none (not started, or expired from the store)
	 */
	Optional<ResultRecord> find(String jobId);

	/**
	 * Waits, without polling, until a job has a terminal record.
	 * @param jobId the job id
	 * @param timeout how long to wait at most
	 * @return the terminal record, or empty if the job did not finish in time
	 */
	Optional<ResultRecord> awaitTerminal(String jobId, Duration timeout);

	/**
	 * Stores a job's latest progress report, kept beside its record for as long.
	 * @param jobId the job id
	 * @param progress the report
	 */
	default void recordProgress(String jobId, Progress progress) {
	}

	/**
	 * A job's latest progress report.
	 * @param jobId the job id
	 * @return the report, or empty if the job made none
	 */
	default Optional<Progress> progress(String jobId) {
		return Optional.empty();
	}

}
