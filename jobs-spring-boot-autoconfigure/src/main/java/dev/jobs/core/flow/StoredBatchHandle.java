package dev.jobs.core.flow;

import java.time.Duration;
import java.util.Optional;

import dev.jobs.JobAwaitTimeoutException;
import dev.jobs.JobError;
import dev.jobs.JobStatus;
import dev.jobs.core.port.BatchStore;
import dev.jobs.core.port.ResultRecord;
import dev.jobs.core.port.ResultStore;
import dev.jobs.workflow.BatchHandle;
import dev.jobs.workflow.BatchSnapshot;
import dev.jobs.workflow.WorkflowFailedException;
import dev.jobs.workflow.WorkflowFailure;
import dev.jobs.workflow.WorkflowStatus;

/**
 * A {@link BatchHandle} over the batch's counts and the record of its end.
 */
final class StoredBatchHandle implements BatchHandle {

	private final String id;

	private final BatchStore store;

	private final ResultStore results;

	StoredBatchHandle(String id, BatchStore store, ResultStore results) {
		this.id = id;
		this.store = store;
		this.results = results;
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public BatchSnapshot snapshot() {
		return BatchCoordinator.snapshotOf(this.id, this.store.counts(this.id));
	}

	@Override
	public BatchSnapshot await(Duration timeout) {
		if (this.store.counts(this.id) == null && this.results.find(this.id).isEmpty()) {
			throw expired();
		}
		Optional<ResultRecord> record = this.results.awaitTerminal(this.id, timeout);
		BatchSnapshot snapshot = snapshot();
		if (record.isPresent() || snapshot.status() == WorkflowStatus.SUCCESS
				|| snapshot.status() == WorkflowStatus.FAILURE) {
			return snapshot;
		}
		if (snapshot.status() == WorkflowStatus.EXPIRED) {
			throw expired();
		}
		throw new JobAwaitTimeoutException(this.id, JobStatus.STARTED, timeout);
	}

	private WorkflowFailedException expired() {
		return new WorkflowFailedException(WorkflowStatus.EXPIRED, new WorkflowFailure(this.id, null, null,
				new JobError("EXPIRED", "the batch's state is gone: it expired after jobs.results.ttl, or was never"
						+ " created")));
	}

	@Override
	public String toString() {
		return "BatchHandle[" + this.id + "]";
	}

}
