package dev.jobs.core.cancel;

import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.jobs.core.execution.InterruptCause;
import dev.jobs.core.execution.RunningJobs;
import dev.jobs.core.port.Cancellations;
import dev.jobs.core.refresh.Refresher;

/**
 * This worker's view of the cancelled jobs: every second it reads them from the store, and
 * interrupts those it is running ({@link InterruptCause#CANCELLED}); the {@link CancelGuard}
 * skips the others when they are delivered, without a Redis call per job. So a cancel reaches
 * every instance within about a second: a job delivered in that second still runs. While the
 * store cannot be read, the last set read stands and the failure is logged once until it
 * recovers.
 *
 * <p>Started when it is created and closed when the context is destroyed, as the queue pauses
 * are, and for the same reason: no part in the lifecycle's phases.
 */
public final class CancelledJobs implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(CancelledJobs.class);

	private final Cancellations store;

	private final RunningJobs running;

	private volatile Set<String> cancelled = Set.of();

	private final Refresher refresher = new Refresher("jobs-cancellations", this::refresh);

	private volatile boolean failing;

	/**
	 * Creates the view of cancelled jobs.
	 * @param store the cancellations store
	 * @param running the jobs running in this instance
	 */
	public CancelledJobs(Cancellations store, RunningJobs running) {
		this.store = store;
		this.running = running;
	}

	/**
	 * Whether a job was cancelled, as this worker last read.
	 * @param jobId the job
	 * @return {@code true} if it was
	 */
	public boolean isCancelled(String jobId) {
		return this.cancelled.contains(jobId);
	}

	/** Reads the cancelled jobs once and interrupts those running here; called every second. */
	public void refresh() {
		Set<String> read;
		try {
			read = Set.copyOf(this.store.cancelled());
		}
		catch (RuntimeException ex) {
			if (!this.failing) {
				this.failing = true;
				logger.warn("Cannot read the cancelled jobs (" + ex.getMessage() + "); the jobs cancelled until now"
						+ " are still skipped, later cancels wait until they can be read");
			}
			return;
		}
		this.failing = false;
		this.cancelled = read;
		for (String jobId : read) {
			if (this.running.interrupt(jobId, InterruptCause.CANCELLED)) {
				logger.info("Job " + jobId + " was cancelled while it ran here; interrupted");
			}
		}
	}

	/** Reads the cancelled jobs now, then every second, on a daemon thread of its own. */
	public void start() {
		this.refresher.start();
	}

	@Override
	public void close() {
		this.refresher.close();
	}

}
