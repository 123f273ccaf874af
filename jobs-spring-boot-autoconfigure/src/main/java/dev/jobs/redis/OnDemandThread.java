package dev.jobs.redis;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A daemon thread started by the first call of {@link #ensureStarted()}, at most once, so that
 * an instance that never needs a writer holds no thread for it.
 */
final class OnDemandThread {

	private final String name;

	private final Runnable body;

	private final ReentrantLock starting = new ReentrantLock();

	private volatile Thread thread;

	/**
	 * A thread not started yet.
	 * @param name the thread's name
	 * @param body what it runs
	 */
	OnDemandThread(String name, Runnable body) {
		this.name = name;
		this.body = body;
	}

	/** Starts the thread unless it was started before; cheap once it runs. */
	void ensureStarted() {
		if (this.thread != null) {
			return;
		}
		this.starting.lock();
		try {
			if (this.thread == null) {
				Thread started = new Thread(this.body, this.name);
				started.setDaemon(true);
				started.start();
				this.thread = started;
			}
		}
		finally {
			this.starting.unlock();
		}
	}

}
