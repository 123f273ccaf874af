package dev.jobs.core.client;

import java.time.Duration;

import dev.jobs.JobsException;
import dev.jobs.JobsUnavailableException;

/**
 * The errors of an enqueue the broker did not confirm, the same whether the caller waited
 * ({@code enqueue}) or holds a future ({@code enqueueAsync}).
 */
final class Unconfirmed {

	private Unconfirmed() {
	}

	/**
	 * No confirm within the timeout.
	 * @param jobs the jobs, as in "Job 01a… (task 'x')" or "12 jobs"
	 * @param timeout the confirm timeout
	 * @param cause the timeout, where there is one
	 * @return the error
	 */
	static JobsUnavailableException timedOut(String jobs, Duration timeout, Throwable cause) {
		return new JobsUnavailableException(jobs + " not confirmed by the broker within " + timeout
				+ " (jobs.publish.confirm-timeout); treat as not enqueued", cause);
	}

	/**
	 * The confirm failed: the publisher's own error where it gave one, else one that says so.
	 * @param jobs the jobs, as for {@link #timedOut}
	 * @param cause why the confirm failed
	 * @return the error
	 */
	static JobsException failed(String jobs, Throwable cause) {
		return (cause instanceof JobsException jobsException) ? jobsException
				: new JobsUnavailableException(jobs + " not confirmed: " + cause, cause);
	}

}
