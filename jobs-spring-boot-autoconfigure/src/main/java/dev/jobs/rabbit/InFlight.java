package dev.jobs.rabbit;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts the deliveries a worker has taken on and not yet acknowledged or given back, so that
 * shutdown can wait for exactly those instead of guessing with a fixed pause.
 */
final class InFlight {

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition drained = this.lock.newCondition();

	private int count;

	/** One more delivery is being worked on. */
	void enter() {
		this.lock.lock();
		try {
			this.count++;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** A delivery was acknowledged or given back. */
	void leave() {
		this.lock.lock();
		try {
			if (--this.count == 0) {
				this.drained.signalAll();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Waits until no delivery is in flight.
	 * @param timeout how long to wait at most
	 * @return whether none is left
	 * @throws InterruptedException if interrupted while waiting
	 */
	boolean awaitNone(Duration timeout) throws InterruptedException {
		long nanos = timeout.toNanos();
		this.lock.lock();
		try {
			while (this.count > 0) {
				if (nanos <= 0) {
					return false;
				}
				nanos = this.drained.awaitNanos(nanos);
			}
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * How many deliveries are in flight.
	 * @return the count
	 */
	int count() {
		this.lock.lock();
		try {
			return this.count;
		}
		finally {
			this.lock.unlock();
		}
	}

}
