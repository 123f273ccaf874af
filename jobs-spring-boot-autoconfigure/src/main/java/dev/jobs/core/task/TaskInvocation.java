package dev.jobs.core.task;

/**
 * Tells the {@link VoidTaskInterceptor} that the next {@code void} task call on this thread is
 * the worker running a job, which must run, rather than application code asking for a job,
 * which must be enqueued. The mark is consumed by that one call, so a task that calls another
 * {@code void} task through its bean enqueues it as any other caller would.
 */
final class TaskInvocation {

	private static final ThreadLocal<Boolean> WORKER_CALL = new ThreadLocal<>();

	private TaskInvocation() {
	}

	static void markWorkerCall() {
		WORKER_CALL.set(Boolean.TRUE);
	}

	static void clear() {
		WORKER_CALL.remove();
	}

	static boolean consumeWorkerCall() {
		if (WORKER_CALL.get() != null) {
			WORKER_CALL.remove();
			return true;
		}
		return false;
	}

}
