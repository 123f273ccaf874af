package dev.jobs.test.memory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;

import dev.jobs.core.port.IdempotencyClaim;
import dev.jobs.core.port.IdempotencyStore;

/**
 * Idempotency records in a map, with the states the Redis store keeps
 * ({@code idempotency_claim.lua}): {@code RUNNING} with its owner while a job with the key
 * runs, then {@code DONE} with the result. A {@code DONE} record is kept for the whole test
 * (longer than {@code jobs.idempotency.ttl} only if a test advances its clock past it).
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	@Override
	public IdempotencyClaim claim(String key, String owner, String jobId, Duration lease) {
		IdempotencyClaim[] claim = new IdempotencyClaim[1];
		this.entries.compute(key, (name, entry) -> {
			if (entry != null && entry.done()) {
				claim[0] = new IdempotencyClaim.Completed(entry.jobId(), entry.result());
				return entry;
			}
			if (entry != null && !entry.owner().equals(owner)) {
				claim[0] = new IdempotencyClaim.InProgress(entry.jobId());
				return entry;
			}
			claim[0] = new IdempotencyClaim.Claimed();
			return new Entry(owner, jobId, false, null);
		});
		return claim[0];
	}

	@Override
	public boolean renew(String key, String owner, Duration lease) {
		Entry entry = this.entries.get(key);
		return entry != null && !entry.done() && entry.owner().equals(owner);
	}

	@Override
	public boolean complete(String key, String owner, String jobId, JsonNode result, Duration ttl) {
		boolean[] stored = new boolean[1];
		this.entries.compute(key, (name, entry) -> {
			// As in Redis: stored if the claim is still this owner's, or nobody claimed the key since.
			if (entry == null || (!entry.done() && entry.owner().equals(owner))) {
				stored[0] = true;
				return new Entry(owner, jobId, true, result);
			}
			return entry;
		});
		return stored[0];
	}

	@Override
	public void release(String key, String owner) {
		this.entries.computeIfPresent(key, (name, entry) -> (!entry.done() && entry.owner().equals(owner)) ? null : entry);
	}

	/**
	 * Forgets everything, as between two tests.
	 */
	public void clear() {
		this.entries.clear();
	}

	private record Entry(String owner, String jobId, boolean done, JsonNode result) {
	}

}
