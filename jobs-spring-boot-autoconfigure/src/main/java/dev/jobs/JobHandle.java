package dev.jobs;

import java.time.Duration;

/**
 * A reference to an enqueued job, good in any instance: it reads the job's state from the
 * result store and never holds the job itself.
 *
 * @param <T> the task's result type ({@link Void} for a {@code void} task)
 */
public interface JobHandle<T> {

	/**
	 * The job id: time-ordered, unique, and the key of the job's result record.
	 * @return the job id
	 */
	String id();

	/**
	 * The job's current status, as its record says. Without a record, a handle returned by an
	 * enqueue reads {@link JobStatus#PENDING} (its job was confirmed, and its {@code PENDING}
	 * record is written right after), and a handle from {@link Jobs#handle(String)} reads
	 * {@link JobStatus#UNKNOWN}.
	 * @return the status
	 */
	default JobStatus status() {
		return snapshot().status();
	}

	/**
	 * Cancels the job, as {@link Jobs#cancel(String)} does.
	 */
	default void cancel() {
		throw new UnsupportedOperationException("This handle cannot cancel its job; use Jobs.cancel(id)");
	}

	/**
	 * The job's latest progress report, from {@code JobContext.current().progress(...)}.
	 * @return the report, or {@link Progress#NONE} if the job made none
	 */
	default Progress progress() {
		return Progress.NONE;
	}

	/**
	 * The job's current state with its result or error.
	 * @return a snapshot of the job's state
	 */
	JobSnapshot<T> snapshot();

	/**
	 * Waits for the job to finish and returns its result. Waiting does not poll: the worker
	 * announces the end of the job and this call wakes up. Retries are waited through. Before it
	 * gives up, the call reads the job's record once more, so a lost announcement does not turn
	 * a finished job into a timeout.
	 * @param timeout how long to wait at most
	 * @return the task's return value ({@code null} for a {@code void} task)
	 * @throws JobFailedException if the job failed for good or expired
	 * @throws JobAwaitTimeoutException if the job has not finished within the timeout
	 */
	T await(Duration timeout);

}
