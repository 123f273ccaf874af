package dev.jobs.core.task;

/**
 * Whose budget a rate limit is.
 */
public enum RateLimitScope {

	/** One budget shared by every instance and worker thread (a bucket in Redis). */
	GLOBAL,

	/** One budget per application instance, in its memory: N instances run N times the rate. */
	WORKER

}
