package dev.jobs.core.port;

import java.time.Duration;
import java.util.List;

import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.execution.Outcome;

/**
 * Told what happens to jobs, for metrics and operations views. Calls come on the enqueuing and
 * working threads, so implementations must be quick and must not throw.
 */
public interface JobObserver {

	/** An observer that ignores everything. */
	JobObserver NONE = new JobObserver() {
	};

	/**
	 * One observer that tells all of the given ones, in order.
	 * @param observers the observers
	 * @return the composite, or {@link #NONE} for none
	 */
	static JobObserver all(List<? extends JobObserver> observers) {
		if (observers.isEmpty()) {
			return NONE;
		}
		List<JobObserver> copy = List.copyOf(observers);
		return new JobObserver() {
			@Override
			public void enqueued(JobEnvelope envelope) {
				copy.forEach((observer) -> observer.enqueued(envelope));
			}

			@Override
			public void settled(String queue, String task, Outcome outcome, Duration duration) {
				copy.forEach((observer) -> observer.settled(queue, task, outcome, duration));
			}
		};
	}

	/**
	 * A job was confirmed by the broker.
	 * @param envelope the job
	 */
	default void enqueued(JobEnvelope envelope) {
	}

	/**
	 * A delivery was settled.
	 * @param queue the job queue it came from
	 * @param task the task name, or {@code null} if the message could not be read
	 * @param outcome how it ended
	 * @param duration how long the task ran, or {@link Duration#ZERO} if it did not run
	 */
	default void settled(String queue, String task, Outcome outcome, Duration duration) {
	}

}
