package dev.jobs.core.client;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

import dev.jobs.JobAwaitTimeoutException;
import dev.jobs.JobFailedException;
import dev.jobs.JobHandle;
import dev.jobs.JobSnapshot;
import dev.jobs.JobStatus;
import dev.jobs.Progress;
import dev.jobs.core.envelope.ResultValues;
import dev.jobs.core.port.ResultRecord;
import dev.jobs.core.port.ResultStore;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link JobHandle} that reads the job's result record from the result store and decodes its
 * result by the task's declared return type.
 *
 * @param <T> the result type
 */
final class StoredJobHandle<T> implements JobHandle<T> {

	private final String id;

	private final ResultStore results;

	private final JsonMapper mapper;

	private final JavaType resultType;

	private final JobStatus unrecorded;

	private final Consumer<String> canceller;

	/**
	 * A handle on the result store.
	 * @param id the job id
	 * @param results the result store
	 * @param mapper decodes the result
	 * @param resultType the task's result type
	 * @param unrecorded the status while the job has no record: {@code PENDING} for a handle from
	 * an enqueue, {@code UNKNOWN} for one looked up by id
	 * @param canceller cancels a job by id
	 */
	StoredJobHandle(String id, ResultStore results, JsonMapper mapper, JavaType resultType, JobStatus unrecorded,
			Consumer<String> canceller) {
		this.canceller = canceller;
		this.id = id;
		this.results = results;
		this.mapper = mapper;
		this.resultType = resultType;
		this.unrecorded = unrecorded;
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public JobSnapshot<T> snapshot() {
		return this.results.find(this.id)
			.map(this::toSnapshot)
			.orElseGet(() -> JobSnapshot.unrecorded(this.id, this.unrecorded));
	}

	@Override
	public void cancel() {
		this.canceller.accept(this.id);
	}

	@Override
	public Progress progress() {
		return this.results.progress(this.id).orElse(Progress.NONE);
	}

	@Override
	public T await(Duration timeout) {
		Optional<ResultRecord> record = this.results.awaitTerminal(this.id, timeout);
		if (record.isEmpty()) {
			// The end of a job is announced fire-and-forget (Redis Pub/Sub): a waiter whose
			// subscription dropped misses it. One more read keeps that from turning a finished job
			// into a timeout.
			Optional<ResultRecord> stored = this.results.find(this.id);
			if (stored.isEmpty() || !stored.get().status().isTerminal()) {
				throw new JobAwaitTimeoutException(this.id, stored.map(ResultRecord::status).orElse(this.unrecorded),
						timeout);
			}
			record = stored;
		}
		JobSnapshot<T> snapshot = toSnapshot(record.get());
		if (snapshot.status() != JobStatus.SUCCESS) {
			throw new JobFailedException(this.id, snapshot.status(), snapshot.error());
		}
		return snapshot.result();
	}

	private JobSnapshot<T> toSnapshot(ResultRecord record) {
		return new JobSnapshot<>(record.id(), record.task(), record.status(), record.attempts(), record.startedAt(),
				record.finishedAt(), decode(record.result()), record.error(), record.nextAttemptAt(), record.reason(),
				record.deduplicatedFrom());
	}

	private T decode(JsonNode result) {
		return ResultValues.decode(this.mapper, this.resultType, result);
	}

	@Override
	public String toString() {
		return "JobHandle[" + this.id + "]";
	}

}
