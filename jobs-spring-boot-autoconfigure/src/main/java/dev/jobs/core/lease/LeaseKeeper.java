package dev.jobs.core.lease;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Renews the leases of running jobs (idempotency claims, locks) on one daemon thread, each
 * every third of its lease, so that a lease runs out only if its worker stopped renewing it:
 * the worker died, or its process froze for more than two thirds of the lease. A renewal that
 * fails (the store unreachable) is tried again at the next turn; one that finds the lease
 * taken by another owner stops, and says so in the log.
 */
public final class LeaseKeeper implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(LeaseKeeper.class);

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "jobs-leases");
		thread.setDaemon(true);
		return thread;
	});

	/**
	 * Keeps a lease until the returned handle is closed.
	 * @param what the lease, for the log ({@code lock 'sync:42' of job ...})
	 * @param lease the lease
	 * @param renew renews it once; {@code false} if it was lost
	 * @return closes the lease's renewals
	 */
	public Renewal keep(String what, Duration lease, BooleanSupplier renew) {
		long every = Math.max(1, lease.toMillis() / 3);
		Renewal renewal = new Renewal();
		renewal.future = this.timer.scheduleWithFixedDelay(() -> renewOnce(what, renew, renewal), every, every,
				TimeUnit.MILLISECONDS);
		return renewal;
	}

	private static void renewOnce(String what, BooleanSupplier renew, Renewal renewal) {
		try {
			if (!renew.getAsBoolean()) {
				logger.warn("The " + what + " was lost: its lease ran out and another owner took it."
						+ " Is the lease shorter than a pause of this process?");
				renewal.close();
			}
		}
		catch (RuntimeException ex) {
			logger.warn("The " + what + " could not be renewed (" + ex.getMessage() + "); trying again");
		}
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
	}

	/** The renewals of one lease. */
	public static final class Renewal implements AutoCloseable {

		private volatile ScheduledFuture<?> future;

		/** Stops renewing; the lease then runs out unless released. */
		@Override
		public void close() {
			ScheduledFuture<?> scheduled = this.future;
			if (scheduled != null) {
				scheduled.cancel(false);
			}
		}

	}

}
