package dev.jobs.test.memory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.jobs.core.port.BatchStore;

/**
 * Batch records in a map: each member counted once as it is added and once as it ends, as the
 * Redis store counts them ({@code batch_*.lua}).
 */
public final class InMemoryBatchStore implements BatchStore {

	private final Map<String, Batch> batches = new ConcurrentHashMap<>();

	@Override
	public void create(String batchId, String callbacks, List<String> jobIds, Duration ttl) {
		Batch batch = new Batch(callbacks);
		jobIds.forEach((id) -> batch.members.putIfAbsent(id, Member.PENDING));
		this.batches.put(batchId, batch);
	}

	@Override
	public long add(String batchId, List<String> jobIds, Duration ttl) {
		Batch batch = this.batches.get(batchId);
		if (batch == null) {
			return -1;
		}
		synchronized (batch) {
			return jobIds.stream().filter((id) -> batch.members.putIfAbsent(id, Member.PENDING) == null).count();
		}
	}

	@Override
	public BatchCounts ended(String batchId, String jobId, boolean succeeded, Duration ttl) {
		Batch batch = this.batches.get(batchId);
		if (batch == null) {
			return null;
		}
		synchronized (batch) {
			// Once per member: a duplicate or redelivered end is not counted again.
			if (batch.members.get(jobId) == Member.PENDING) {
				batch.members.put(jobId, succeeded ? Member.SUCCEEDED : Member.FAILED);
			}
			return batch.counts();
		}
	}

	@Override
	public BatchCounts counts(String batchId) {
		Batch batch = this.batches.get(batchId);
		if (batch == null) {
			return null;
		}
		synchronized (batch) {
			return batch.counts();
		}
	}

	/**
	 * Forgets everything, as between two tests.
	 */
	public void clear() {
		this.batches.clear();
	}

	private enum Member {

		PENDING, SUCCEEDED, FAILED

	}

	private static final class Batch {

		private final String callbacks;

		private final Map<String, Member> members = new HashMap<>();

		Batch(String callbacks) {
			this.callbacks = callbacks;
		}

		BatchCounts counts() {
			long pending = this.members.values().stream().filter(Member.PENDING::equals).count();
			long succeeded = this.members.values().stream().filter(Member.SUCCEEDED::equals).count();
			return new BatchCounts(this.members.size(), pending, succeeded, this.members.size() - pending - succeeded,
					this.callbacks);
		}

	}

}
