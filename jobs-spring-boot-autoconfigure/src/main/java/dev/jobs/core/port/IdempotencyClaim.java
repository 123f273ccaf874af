package dev.jobs.core.port;

import tools.jackson.databind.JsonNode;

/**
 * What a claim of an idempotency key found.
 */
public sealed interface IdempotencyClaim {

	/** The key was free (or its lease had run out, or this owner held it): the job may run. */
	record Claimed() implements IdempotencyClaim {

	}

	/**
	 * Another job with the key is running.
	 * @param jobId that job
	 */
	record InProgress(String jobId) implements IdempotencyClaim {

	}

	/**
	 * A job with the key has succeeded.
	 * @param jobId that job
	 * @param result its result as JSON
	 */
	record Completed(String jobId, JsonNode result) implements IdempotencyClaim {

	}

}
