package dev.jobs.core.port;

import java.util.List;

import org.apache.commons.logging.LogFactory;

/**
 * Told what happens to jobs, for metrics and operations views: the extension point for
 * anything that watches jobs without changing their fate. Declare beans of this type and the
 * auto-configuration tells each of them, in order. Calls come on the enqueuing and working
 * threads, so implementations must be quick and must not throw.
 */
public interface JobObserver {

	/** An observer that ignores everything. */
	JobObserver NONE = new JobObserver() {
	};

	/**
	 * One observer that tells all of the given ones, in order; one that throws is logged and the
	 * others are still told.
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
			public void enqueued(EnqueuedJob job) {
				copy.forEach((observer) -> contained(observer, () -> observer.enqueued(job)));
			}

			@Override
			public void settled(SettledDelivery delivery) {
				copy.forEach((observer) -> contained(observer, () -> observer.settled(delivery)));
			}
		};
	}

	/**
	 * Runs one observer's call and logs what it throws: a confirmed enqueue or a settled delivery
	 * must not fail because an observer did, or the job would be enqueued or run twice.
	 */
	private static void contained(JobObserver observer, Runnable call) {
		try {
			call.run();
		}
		catch (RuntimeException ex) {
			LogFactory.getLog(JobObserver.class).error("JobObserver " + observer.getClass().getName() + " threw; ignored",
					ex);
		}
	}

	/**
	 * A job was confirmed by the broker.
	 * @param job the job
	 */
	default void enqueued(EnqueuedJob job) {
	}

	/**
	 * A delivery was settled: its outcome is durable and its acknowledgement follows.
	 * @param delivery what was settled and how it ended
	 */
	default void settled(SettledDelivery delivery) {
	}

}
