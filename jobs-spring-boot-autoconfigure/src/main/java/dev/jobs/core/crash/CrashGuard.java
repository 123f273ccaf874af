package dev.jobs.core.crash;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.jobs.FailureReason;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.execution.Admission;
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
 * having run. This guard counts only runs that started, and blames a death on the right job.
 *
 * <p>A first delivery costs no Redis call: the guard looks only at jobs the broker delivered
 * before ({@code redelivered}), which are rare. For those, the run is marked in Redis before it
 * starts, and once it is settled the job's record is deleted: it ran to an end. A mark found at
 * the next start is a crash. A job with a crash is a <em>suspect</em>, and runs alone in its
 * worker ({@link SuspectGate}): it waits for the jobs running there to end, and none starts
 * beside it. So the jobs that happened to run beside a poison job when it struck are suspects
 * once, run alone, end and are forgiven, while the poison job is blamed for every death. At
 * {@code jobs.worker.crash-limit} crashes in a row the job fails without running again, reason
 * {@link FailureReason#CRASH_LIMIT}: dead-lettered, its record {@code FAILURE}, the failure
 * listeners told. Since the first delivery is not marked, a job that kills every worker runs
 * {@code crash-limit + 1} times. A delivery given back on shutdown is settled as given back, so
 * it is no crash.
 *
 * <p>While the guard is on, it also decides a job's last delivery, the one after which its
 * quorum queue would dead-letter it. The broker counts every return of a job, not only those it
 * caused: each death hands back every job the dead worker held, and when the queue holds fewer
 * jobs than its consumers' prefetch, a returned job may even be handed to another channel of
 * the dying connection and returned again (measured: up to 4 counts per death with 8
 * consumers). So a job that reaches its last delivery with fewer crashes than the limit was
 * taken down by others: it is published again as a new message, {@code DEFERRED} for no time
 * with the reason {@value #DELIVERY_COUNT_RESET}, without spending an attempt, and the broker
 * counts it from 0. One with the limit's crashes ends as {@code CRASH_LIMIT}.
 */
public final class CrashGuard implements JobGuard {

	private static final Log logger = LogFactory.getLog(CrashGuard.class);

	/** How long a suspect waits for the jobs running beside it to end before it runs beside them. */
	private static final Duration ALONE_WAIT = Duration.ofSeconds(30);

	/**
	 * The reason of a job re-queued at its queue's delivery limit with fewer crashes than the
	 * limit: published again as a new message, which the broker counts from 0.
	 */
	static final String DELIVERY_COUNT_RESET = "delivery_count_reset";

	private final CrashCounter counter;

	private final int limit;

	private final Duration keep;

	private final SuspectGate gate = new SuspectGate();

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

	/**
	 * Last deliveries are decided here, while the guard is on: the broker counts the returns
	 * of every job a dying worker held, this guard only the runs that job started.
	 */
	@Override
	public boolean decidesLastDelivery() {
		return this.limit > 0;
	}

	@Override
	public Admission admit(GuardedJob job) {
		if (this.limit == 0) {
			return Admission.proceed();
		}
		if (!job.redelivered()) {
			SuspectGate.Pass pass = enter(job, false);
			return Admission.proceed((outcome) -> closed(pass));
		}
		return admitRedelivered(job);
	}

	/**
	 * Through the gate first, then the run is marked: a worker that dies while a job waits at
	 * the gate must not count against that job.
	 */
	private Admission admitRedelivered(GuardedJob job) {
		JobEnvelope envelope = job.envelope();
		int suspected = this.counter.crashes(envelope.id());
		if (job.lastDelivery() && suspected < this.limit) {
			return Admission.stop(new Outcome.Deferred(envelope, Duration.ZERO, DELIVERY_COUNT_RESET));
		}
		SuspectGate.Pass pass = (suspected >= this.limit) ? SuspectGate.Pass.NONE : enter(job, suspected > 0);
		String owner = job.ownerToken();
		int crashes;
		try {
			crashes = this.counter.started(envelope.id(), owner, this.limit, this.keep);
		}
		catch (RuntimeException ex) {
			pass.close();
			throw ex;
		}
		if (crashes >= this.limit) {
			pass.close();
			return Admission.stop(new Outcome.Failed(envelope, null, FailureReason.CRASH_LIMIT,
					new IllegalStateException("Job " + envelope.id() + " (task '" + envelope.task() + "') was cut short "
							+ crashes + " times in a row while it ran: its worker died, hung or lost its connection, and"
							+ " never settled it. It is not run again (jobs.worker.crash-limit " + this.limit + "); look"
							+ " for what takes the worker down, such as native code, memory or System.exit")));
		}
		if (crashes > 0) {
			logger.warn("Job " + envelope.id() + " (task '" + envelope.task() + "') starts again after " + crashes
					+ " runs in a row that never settled; at " + this.limit + " it is dead-lettered (CRASH_LIMIT)");
		}
		return Admission.proceed((outcome) -> settled(envelope, owner, pass));
	}

	/**
	 * Through the gate: alone for a suspect, which runs beside the others after all if they do
	 * not end in time.
	 */
	private SuspectGate.Pass enter(GuardedJob job, boolean suspect) {
		try {
			if (!suspect) {
				return this.gate.enter();
			}
			SuspectGate.Pass alone = this.gate.enterAlone(ALONE_WAIT);
			if (alone != null) {
				return alone;
			}
			logger.warn("Job " + job.envelope().id() + " (task '" + job.envelope().task() + "') should run alone, as a"
					+ " suspect of a crash, but the jobs running beside it did not end within " + ALONE_WAIT
					+ "; it runs beside them, and a death now counts against each of them too");
			return SuspectGate.Pass.NONE;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while job " + job.envelope().id() + " waited to run", ex);
		}
	}

	private static CompletableFuture<Void> closed(SuspectGate.Pass pass) {
		pass.close();
		return CompletableFuture.completedFuture(null);
	}

	private CompletableFuture<Void> settled(JobEnvelope envelope, String owner, SuspectGate.Pass pass) {
		pass.close();
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
