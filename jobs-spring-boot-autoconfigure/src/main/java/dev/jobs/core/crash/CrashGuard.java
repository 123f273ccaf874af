package dev.jobs.core.crash;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.jobs.FailureReason;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.execution.Admission;
import dev.jobs.core.execution.AfterRun;
import dev.jobs.core.execution.GuardedJob;
import dev.jobs.core.execution.JobGuard;
import dev.jobs.core.execution.Outcome;
import dev.jobs.core.port.CrashCounter;

/**
 * Ends a poison job: one that takes its worker down (a native crash, an out-of-memory kill, a
 * {@code System.exit}) or makes it lose its connection every time it runs. Such a job is never
 * settled, so the broker delivers it again, to the next worker, for ever, and each death also
 * hands back the jobs the dead worker had prefetched. The broker's own delivery limit cannot
 * tell the two apart: it counts every return, so a poison job's neighbours use theirs up without
 * having run. This guard counts only runs that started.
 *
 * <p>A first delivery costs nothing: the guard looks only at jobs the broker delivered before
 * ({@code redelivered}), which are rare. For those, the run is marked in Redis before it starts
 * and the mark removed once it is settled; a mark found at the next start is a crash. At
 * {@code jobs.worker.crash-limit} crashes the job fails without running again, reason
 * {@link FailureReason#CRASH_LIMIT}: dead-lettered, its record {@code FAILURE}, the failure
 * listeners told. Since the first delivery is not marked, a job that kills every worker runs
 * {@code crash-limit + 1} times. A delivery given back on shutdown is settled as given back,
 * so its mark is removed and it is no crash.
 */
public final class CrashGuard implements JobGuard {

	private static final Log logger = LogFactory.getLog(CrashGuard.class);

	private final CrashCounter counter;

	private final int limit;

	private final Duration keep;

	/**
	 * A guard over the given counter.
	 * @param counter the crash counts
	 * @param limit the crashes after which a job is not run again; 0 turns the guard off
	 * @param keep how long a job's count is kept, at least as long as the job may be redelivered
	 */
	public CrashGuard(CrashCounter counter, int limit, Duration keep) {
		this.counter = counter;
		this.limit = limit;
		this.keep = keep;
	}

	@Override
	public Admission admit(GuardedJob job) {
		if (!job.redelivered() || this.limit == 0) {
			return Admission.proceed();
		}
		JobEnvelope envelope = job.envelope();
		String owner = job.ownerToken();
		int crashes = this.counter.started(envelope.id(), owner, this.limit, this.keep);
		if (crashes >= this.limit) {
			return Admission.stop(new Outcome.Failed(envelope, null, FailureReason.CRASH_LIMIT,
					new IllegalStateException("Job " + envelope.id() + " (task '" + envelope.task() + "') was cut short "
							+ crashes + " times while it ran: its worker died, hung or lost its connection, and never"
							+ " settled it. It is not run again (jobs.worker.crash-limit " + this.limit + "); look for"
							+ " what takes the worker down, such as native code, memory or System.exit")));
		}
		if (crashes > 0) {
			logger.warn("Job " + envelope.id() + " (task '" + envelope.task() + "') starts again after " + crashes
					+ " runs that never settled; at " + this.limit + " it is dead-lettered (CRASH_LIMIT)");
		}
		return Admission.proceed((outcome) -> settled(envelope, owner));
	}

	private CompletableFuture<Void> settled(JobEnvelope envelope, String owner) {
		try {
			this.counter.settled(envelope.id(), owner);
		}
		catch (RuntimeException ex) {
			logger.warn("The run mark of job " + envelope.id() + " could not be removed (" + ex.getMessage()
					+ "); if the job is delivered again, this run counts as a crash");
		}
		return CompletableFuture.completedFuture(null);
	}

}
