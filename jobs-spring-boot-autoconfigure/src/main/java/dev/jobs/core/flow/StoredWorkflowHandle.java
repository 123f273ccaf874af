package dev.jobs.core.flow;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import dev.jobs.JobAwaitTimeoutException;
import dev.jobs.JobError;
import dev.jobs.JobStatus;
import dev.jobs.Progress;
import dev.jobs.core.port.FlowStore;
import dev.jobs.core.envelope.ResultValues;
import dev.jobs.core.port.ResultRecord;
import dev.jobs.core.port.ResultStore;
import dev.jobs.workflow.WorkflowFailedException;
import dev.jobs.workflow.WorkflowFailure;
import dev.jobs.workflow.Signature;
import dev.jobs.workflow.WorkflowHandle;
import dev.jobs.workflow.WorkflowSnapshot;
import dev.jobs.workflow.WorkflowStatus;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link WorkflowHandle} over the workflow's state and the record of its end, kept under the
 * workflow id like a job's.
 *
 * @param <T> the result type
 */
final class StoredWorkflowHandle<T> implements WorkflowHandle<T> {

	private final String id;

	private final FlowStore store;

	private final ResultStore results;

	private final JsonMapper mapper;

	private final JavaType resultType;

	private final Map<Signature<?>, String> jobIds;

	/**
	 * A handle.
	 * @param jobIds the job id of each signature, by identity, or {@code null} for a handle to a
	 * workflow submitted elsewhere
	 */
	StoredWorkflowHandle(String id, FlowStore store, ResultStore results, JsonMapper mapper, JavaType resultType,
			Map<Signature<?>, String> jobIds) {
		this.id = id;
		this.store = store;
		this.results = results;
		this.mapper = mapper;
		this.resultType = resultType;
		this.jobIds = jobIds;
	}

	@Override
	public String jobId(Signature<?> step) {
		if (this.jobIds == null) {
			throw new IllegalStateException("The handle of workflow " + this.id + " was not returned by its submit,"
					+ " so it does not know which signature became which job; keep the handle submit returns");
		}
		if (!this.jobIds.containsKey(step)) {
			throw new IllegalArgumentException("Workflow " + this.id + " holds no such signature (" + step.task()
					+ "); pass the very instance given to the workflow");
		}
		String jobId = this.jobIds.get(step);
		if (jobId == null) {
			throw new IllegalArgumentException("Workflow " + this.id + " holds the signature of task '" + step.task()
					+ "' more than once, as that many jobs; build one signature per job to tell them apart");
		}
		return jobId;
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public WorkflowSnapshot snapshot() {
		FlowStore.FlowState state = this.store.state(this.id);
		if (state == null) {
			return new WorkflowSnapshot(this.id, WorkflowStatus.EXPIRED, Progress.NONE, null);
		}
		WorkflowStatus status = WorkflowStatus.valueOf(state.status());
		WorkflowFailure failure = (state.failure() != null)
				? this.mapper.readValue(state.failure(), WorkflowFailure.class) : null;
		return new WorkflowSnapshot(this.id, status, new Progress(state.done(), state.total(), null),
				(status == WorkflowStatus.FAILURE) ? failure : null);
	}

	@Override
	public T await(Duration timeout) {
		if (this.store.state(this.id) == null && this.results.find(this.id).isEmpty()) {
			// Nothing will ever end it: say so now rather than after the whole timeout.
			throw expired();
		}
		Optional<ResultRecord> record = this.results.awaitTerminal(this.id, timeout);
		if (record.isEmpty()) {
			record = this.results.find(this.id).filter((stored) -> stored.status().isTerminal());
		}
		if (record.isEmpty()) {
			WorkflowSnapshot snapshot = snapshot();
			if (snapshot.status() == WorkflowStatus.EXPIRED) {
				throw expired();
			}
			throw new JobAwaitTimeoutException(this.id, JobStatus.STARTED, timeout);
		}
		if (record.get().status() != JobStatus.SUCCESS) {
			WorkflowSnapshot snapshot = snapshot();
			WorkflowFailure failure = (snapshot.failure() != null) ? snapshot.failure()
					: new WorkflowFailure(this.id, null, null, record.get().error());
			throw new WorkflowFailedException(WorkflowStatus.FAILURE, failure);
		}
		return decode(record.get().result());
	}

	private WorkflowFailedException expired() {
		return new WorkflowFailedException(WorkflowStatus.EXPIRED, new WorkflowFailure(this.id, null, null,
				new JobError("EXPIRED", "the workflow's state is gone: it expired after jobs.results.ttl, or was never"
						+ " submitted")));
	}

	private T decode(JsonNode result) {
		return ResultValues.decode(this.mapper, this.resultType, result);
	}

	@Override
	public String toString() {
		return "WorkflowHandle[" + this.id + "]";
	}

}
