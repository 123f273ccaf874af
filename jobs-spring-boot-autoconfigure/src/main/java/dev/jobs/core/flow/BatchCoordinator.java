package dev.jobs.core.flow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.jobs.JobStatus;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.envelope.JobIds;
import dev.jobs.core.envelope.Membership;
import dev.jobs.core.port.BatchStore;
import dev.jobs.core.port.ResultRecord;
import dev.jobs.core.port.ResultStore;
import dev.jobs.workflow.BatchSnapshot;
import dev.jobs.workflow.Signature;
import dev.jobs.workflow.WorkflowStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The life of a batch (Sidekiq Pro's model):
 * <ol>
 * <li>created with its first members counted as pending before any of them is published, so
 * that none can find the batch complete while the others are still being added;</li>
 * <li>a running member adds more members the same way (counted, then published), so the batch
 * is not complete until they have ended too;</li>
 * <li>each member's end is counted once, however often it is told;</li>
 * <li>when nothing is pending, {@code onComplete} is published, and {@code onSuccess} if no
 * member failed, each given the batch's {@link BatchSnapshot}; the batch's final counts are
 * recorded under the batch id.</li>
 * </ol>
 */
public final class BatchCoordinator {

	private static final Log logger = LogFactory.getLog(BatchCoordinator.class);

	private final BatchStore store;

	private final PlanCompiler compiler;

	private final PlanJson json;

	private final StepPublisher publisher;

	private final ResultStore results;

	private final JsonMapper mapper;

	private final Duration ttl;

	private final Clock clock;

	/**
	 * Creates the coordinator of batches.
	 * @param store the batch store
	 * @param compiler the plan compiler
	 * @param json the codec of plans
	 * @param publisher the publisher of the batches' jobs
	 * @param results the result store
	 * @param mapper the JSON mapper
	 * @param ttl how long the records are kept
	 * @param clock the clock
	 */
	public BatchCoordinator(BatchStore store, PlanCompiler compiler, PlanJson json, StepPublisher publisher,
			ResultStore results, JsonMapper mapper, Duration ttl, Clock clock) {
		this.store = store;
		this.compiler = compiler;
		this.json = json;
		this.publisher = publisher;
		this.results = results;
		this.mapper = mapper;
		this.ttl = ttl;
		this.clock = clock;
	}

	/**
	 * Creates a batch and publishes its members.
	 * @param members the members
	 * @param onSuccess run once if every member succeeds, or {@code null}
	 * @param onComplete run once when every member has ended, or {@code null}
	 * @return the batch id
	 */
	public String create(List<Signature<?>> members, Signature<?> onSuccess, Signature<?> onComplete) {
		Instant now = this.clock.instant();
		String batchId = JobIds.next();
		ObjectNode callbacks = this.mapper.createObjectNode();
		if (onSuccess != null) {
			callbacks.set("onSuccess", this.json.job(this.compiler.callback(onSuccess, now)));
		}
		if (onComplete != null) {
			callbacks.set("onComplete", this.json.job(this.compiler.callback(onComplete, now)));
		}
		List<JobEnvelope> envelopes = new ArrayList<>(members.size());
		for (Signature<?> member : members) {
			JobSpec spec = this.compiler.member(member, now);
			envelopes.add(this.publisher.atSubmission(spec, new Membership(null, 0, batchId)));
		}
		this.store.create(batchId, this.mapper.writeValueAsString(callbacks),
				envelopes.stream().map(JobEnvelope::id).toList(), this.ttl);
		if (envelopes.isEmpty()) {
			complete(batchId, new BatchStore.BatchCounts(0, 0, 0, 0, this.mapper.writeValueAsString(callbacks)));
		}
		this.publisher.publish(envelopes);
		return batchId;
	}

	/**
	 * Adds a member to a batch from one of its running jobs.
	 * @param batchId the batch
	 * @param parent the running job
	 * @param sequence how many members the running job added before this one
	 * @param member the member
	 * @return the member's job id
	 */
	public String add(String batchId, JobEnvelope parent, int sequence, Signature<?> member) {
		JobSpec planned = this.compiler.member(member, this.clock.instant());
		// The same id for the same add of a repeated run, so that it is counted and run once.
		String jobId = JobIds.derived(parent.enqueuedAt(), "batch:" + batchId + ":" + parent.id() + ":" + sequence);
		JobSpec spec = new JobSpec(jobId, planned.task(), planned.queue(), planned.args(), true, planned.delay(),
				planned.expiresIn(), planned.idempotencyKey(), planned.priority(), planned.retryPolicy(),
				planned.taskVersion());
		if (this.store.add(batchId, List.of(jobId), this.ttl) < 0) {
			throw new IllegalStateException("Batch " + batchId + " has expired (jobs.results.ttl); job for task '"
					+ spec.task() + "' not added");
		}
		this.publisher.publish(List.of(this.publisher.onContinuation(spec, null, new Membership(null, 0, batchId))));
		return jobId;
	}

	/**
	 * A member ended for good.
	 * @param job the member
	 * @param succeeded whether it succeeded
	 */
	public void memberEnded(JobEnvelope job, boolean succeeded) {
		String batchId = job.keys().membership().batch();
		BatchStore.BatchCounts counts = this.store.ended(batchId, job.id(), succeeded, this.ttl);
		if (counts == null) {
			logger.warn("Job " + job.id() + " of batch " + batchId + " ended after the batch's state expired"
					+ " (jobs.results.ttl); its callbacks do not run");
			return;
		}
		if (counts.isComplete()) {
			complete(batchId, counts);
		}
	}

	private void complete(String batchId, BatchStore.BatchCounts counts) {
		BatchSnapshot snapshot = snapshotOf(batchId, counts);
		JsonNode given = this.mapper.valueToTree(snapshot);
		JsonNode callbacks = this.mapper.readTree(counts.callbacks());
		List<JobEnvelope> next = new ArrayList<>(2);
		if (callbacks.has("onComplete")) {
			next.add(this.publisher.onContinuation(this.json.job(callbacks.get("onComplete")), given, Membership.NONE));
		}
		if (counts.failed() == 0 && callbacks.has("onSuccess")) {
			next.add(this.publisher.onContinuation(this.json.job(callbacks.get("onSuccess")), given, Membership.NONE));
		}
		this.publisher.publish(next);
		JobStatus status = (counts.failed() == 0) ? JobStatus.SUCCESS : JobStatus.FAILURE;
		this.results.record(new ResultRecord(batchId, "batch", null, status, 1, 0, this.clock.instant(), null, null,
				this.clock.instant(), given, null, null, null, null, null, null));
	}

	/**
	 * A batch's counts as its handle shows them.
	 * @param batchId the batch
	 * @param counts its counts, or {@code null} if its state is gone
	 * @return the snapshot
	 */
	static BatchSnapshot snapshotOf(String batchId, BatchStore.BatchCounts counts) {
		if (counts == null) {
			return new BatchSnapshot(batchId, WorkflowStatus.EXPIRED, 0, 0, 0, 0);
		}
		WorkflowStatus status = !counts.isComplete() ? WorkflowStatus.RUNNING
				: (counts.failed() == 0) ? WorkflowStatus.SUCCESS : WorkflowStatus.FAILURE;
		return new BatchSnapshot(batchId, status, counts.total(), counts.pending(), counts.succeeded(),
				counts.failed());
	}

}
