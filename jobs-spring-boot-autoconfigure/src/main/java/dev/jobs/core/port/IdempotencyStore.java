package dev.jobs.core.port;

import java.time.Duration;

import tools.jackson.databind.JsonNode;

/**
 * The idempotency records: one per key, {@code RUNNING} with an owner token and a lease while a
 * job with that key runs, then {@code DONE} with its result for the configured time. Each method
 * is one atomic operation, so that two deliveries can never both claim a key. Every method
 * throws if the store cannot be reached: the caller must then not run the job.
 */
public interface IdempotencyStore {

	/**
	 * Claims a key for a job about to run, unless another job holds it or has completed it.
	 * @param key the key
	 * @param owner a token of this delivery, which the later calls must present
	 * @param jobId the job
	 * @param lease how long the claim lasts unless renewed
	 * @return what the key's record said
	 */
	IdempotencyClaim claim(String key, String owner, String jobId, Duration lease);

	/**
	 * Extends a claim while its job runs.
	 * @param key the key
	 * @param owner the token the claim was made with
	 * @param lease the new lease, from now
	 * @return {@code false} if the claim is no longer this owner's (its lease ran out)
	 */
	boolean renew(String key, String owner, Duration lease);

	/**
	 * Turns a claim into the key's result, kept for {@code ttl}: later jobs with the key end with
	 * it. Stored also if the claim's lease ran out and nobody claimed the key since.
	 * @param key the key
	 * @param owner the token the claim was made with
	 * @param jobId the job that ran
	 * @param result its result as JSON
	 * @param ttl how long the result is kept
	 * @return {@code false} if another owner holds the key now
	 */
	boolean complete(String key, String owner, String jobId, JsonNode result, Duration ttl);

	/**
	 * Gives up a claim after its job did not succeed, so that its retry (or another job with the
	 * key) may run. Does nothing if the claim is no longer this owner's.
	 * @param key the key
	 * @param owner the token the claim was made with
	 */
	void release(String key, String owner);

}
