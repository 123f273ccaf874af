package dev.jobs.core.unique;

import java.time.Duration;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.jobs.JobsUnavailableException;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.port.UniqueKeys;

/**
 * The producer's half of unique jobs: before a job with a unique key is published, its key is
 * claimed for it in one atomic step. If another job holds the key, nothing is published and the
 * caller gets that job's id instead. A job whose publish fails gives its key back, so that the
 * enqueue can be tried again. Keys are per task ({@code <task>:<key>}).
 */
public final class UniqueClaims {

	private static final Log logger = LogFactory.getLog(UniqueClaims.class);

	/** No store: a job with a unique key cannot be enqueued. */
	public static final UniqueClaims NONE = new UniqueClaims(null, Duration.ofHours(24));

	private final UniqueKeys keys;

	private final Duration defaultTtl;

	/**
	 * Claims over the given store.
	 * @param keys the unique keys, or {@code null} if the application has no store for them
	 * @param defaultTtl how long a key is held at most unless the job's options say otherwise
	 */
	public UniqueClaims(UniqueKeys keys, Duration defaultTtl) {
		this.keys = keys;
		this.defaultTtl = defaultTtl;
	}

	/**
	 * Claims the job's unique key, if it has one.
	 * @param job the job about to be published
	 * @param ttl the job's own time to live for the key, or {@code null} for the default
	 * @return empty to publish the job; otherwise the id of the job that holds the key
	 * @throws JobsUnavailableException if the key cannot be claimed (Redis unreachable): the
	 * job is not published, since publishing it would break the promise of one job per key
	 */
	public Optional<String> claim(JobEnvelope job, Duration ttl) {
		String unique = job.keys().unique();
		if (unique == null) {
			return Optional.empty();
		}
		if (this.keys == null) {
			throw new IllegalStateException("Job for task '" + job.task() + "' has a unique key, but this application"
					+ " has no store for unique keys (Redis)");
		}
		try {
			return this.keys.claim(key(job), job.id(), (ttl != null) ? ttl : this.defaultTtl);
		}
		catch (RuntimeException ex) {
			throw new JobsUnavailableException("Job for task '" + job.task() + "' not enqueued: its unique key '"
					+ unique + "' could not be claimed (" + ex.getMessage() + ")", ex);
		}
	}

	/**
	 * Gives a job's key back, if the job holds it: after a publish that failed, or (by the worker)
	 * once the job has started or finished.
	 * @param job the job
	 */
	public void release(JobEnvelope job) {
		if (job.keys().unique() == null || this.keys == null) {
			return;
		}
		try {
			this.keys.release(key(job), job.id());
		}
		catch (RuntimeException ex) {
			logger.warn("The unique key '" + job.keys().unique() + "' of job " + job.id() + " could not be released ("
					+ ex.getMessage() + "); it is free again once its time to live runs out");
		}
	}

	private static String key(JobEnvelope job) {
		return job.task() + ":" + job.keys().unique();
	}

}
