package dev.jobs.core.execution;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.jobs.JobFailure;
import dev.jobs.JobFailureListener;

/**
 * Calls the application's {@link JobFailureListener}s for a job that failed for good, once its
 * dead letter is confirmed and its {@code FAILURE} record stored. Whatever a listener throws, an
 * {@link Error} included, is logged and contained: the job's fate is already settled, and a
 * listener must never cause its delivery to run again.
 */
public final class FailureListeners {

	private static final Log logger = LogFactory.getLog(FailureListeners.class);

	private final List<JobFailureListener> listeners;

	/**
	 * Creates the composite.
	 * @param listeners the listeners, called in order
	 */
	public FailureListeners(List<JobFailureListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	void notify(JobFailure failure) {
		for (JobFailureListener listener : this.listeners) {
			try {
				listener.onFailure(failure);
			}
			catch (Throwable ex) {
				// Errors too: the dead letter is confirmed, and the delivery must be acknowledged.
				logger.error("JobFailureListener " + listener.getClass().getName() + " threw for job "
						+ failure.jobId() + " (task '" + failure.task() + "'); the job stays failed", ex);
			}
		}
	}

}
