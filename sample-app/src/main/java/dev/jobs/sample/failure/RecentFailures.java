package dev.jobs.sample.failure;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import dev.jobs.JobFailure;
import dev.jobs.JobFailureListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * A {@link JobFailureListener}: the starter calls it once for every job that fails for good
 * (its retries are used up or its error is not retryable), after the job's dead letter is
 * confirmed. This one logs a {@code WARN} line and keeps the latest failures of this instance
 * in memory for {@code GET /api/failures}; a real application would alert someone or undo
 * the job's half-done work here.
 */
@Component
public class RecentFailures implements JobFailureListener {

	/** How many failures are kept, the oldest dropped first. */
	static final int CAPACITY = 50;

	private static final Logger logger = LoggerFactory.getLogger(RecentFailures.class);

	private final Deque<JobFailure> failures = new ArrayDeque<>(CAPACITY);

	@Override
	public void onFailure(JobFailure failure) {
		logger.warn("Job {} (task '{}') failed for good after {} attempt(s) ({}): {}", failure.jobId(), failure.task(),
				failure.attempts(), failure.reason(), failure.error());
		synchronized (this.failures) {
			if (this.failures.size() == CAPACITY) {
				this.failures.removeLast();
			}
			this.failures.addFirst(failure);
		}
	}

	/**
	 * The latest failures seen by this instance.
	 * @return the latest 50 failures at most, newest first
	 */
	public List<JobFailure> latest() {
		synchronized (this.failures) {
			return List.copyOf(this.failures);
		}
	}

}
