package dev.jobs.core.crash;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Lets a suspect job, one whose earlier run was cut short, run alone in this worker: it waits
 * until the jobs running here have ended, and no job starts beside it. A worker that then dies
 * was taken down by the suspect, not by a neighbour, so the crash count blames the right job;
 * the jobs that ran beside a poison job when it struck are suspects once, run alone, end and are
 * forgiven. One fair semaphore: a job takes one permit, a suspect all of them, and a waiting
 * suspect holds back the jobs behind it.
 */
final class SuspectGate {

	/** More than any worker's consumers. */
	private static final int PERMITS = 1 << 20;

	private final Semaphore permits = new Semaphore(PERMITS, true);

	/**
	 * Enters as an ordinary job, beside others; waits only while a suspect runs or waits.
	 * @return what to close once the job's delivery is settled
	 * @throws InterruptedException if the worker stops meanwhile
	 */
	Pass enter() throws InterruptedException {
		this.permits.acquire();
		return () -> this.permits.release();
	}

	/**
	 * Enters as a suspect, alone.
	 * @param wait how long to wait for the jobs running here to end
	 * @return what to close once the suspect's delivery is settled, or {@code null} if the jobs
	 * running here did not end in time
	 * @throws InterruptedException if the worker stops meanwhile
	 */
	Pass enterAlone(Duration wait) throws InterruptedException {
		if (!this.permits.tryAcquire(PERMITS, wait.toNanos(), TimeUnit.NANOSECONDS)) {
			return null;
		}
		return () -> this.permits.release(PERMITS);
	}

	/** A way through the gate, given back once. */
	@FunctionalInterface
	interface Pass {

		/** A pass that holds nothing. */
		Pass NONE = () -> {
		};

		/** Gives the pass back. */
		void close();

	}

}
