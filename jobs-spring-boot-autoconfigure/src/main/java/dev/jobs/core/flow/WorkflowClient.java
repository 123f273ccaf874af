package dev.jobs.core.flow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.envelope.JobIds;
import dev.jobs.core.envelope.Membership;
import dev.jobs.core.port.BatchStore;
import dev.jobs.core.port.FlowStore;
import dev.jobs.core.port.ResultStore;
import dev.jobs.workflow.BatchBuilder;
import dev.jobs.workflow.BatchHandle;
import dev.jobs.workflow.Signature;
import dev.jobs.workflow.Workflow;
import dev.jobs.workflow.WorkflowHandle;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * The producer's side of workflows and batches, behind {@code jobs.submit} and
 * {@code jobs.batch}. A submission:
 * <ol>
 * <li>compiles the workflow into a plan (every job id fixed, every step's arguments checked),
 * failing at once on a workflow that cannot run;</li>
 * <li>stores the plan as the workflow's state;</li>
 * <li>publishes the steps that start at once and, for each chord with a deadline, a check
 * delayed by it, and waits for the broker's confirms;</li>
 * <li>returns the workflow's handle.</li>
 * </ol>
 * Workflows and batches are published at once, also inside a Spring transaction.
 */
public final class WorkflowClient {

	private final PlanCompiler compiler;

	private final PlanJson json;

	private final FlowStore store;

	private final BatchStore batchStore;

	private final BatchCoordinator batches;

	private final StepPublisher publisher;

	private final ResultStore results;

	private final JsonMapper mapper;

	private final Duration ttl;

	private final Clock clock;

	/**
	 * Creates the client.
	 * @param compiler the plan compiler
	 * @param json the codec of plans
	 * @param store the workflow store
	 * @param batchStore the batch store
	 * @param batches the batch coordinator
	 * @param publisher the publisher of the steps' jobs
	 * @param results the result store
	 * @param mapper the JSON mapper
	 * @param ttl how long the records are kept
	 * @param clock the clock
	 */
	public WorkflowClient(PlanCompiler compiler, PlanJson json, FlowStore store, BatchStore batchStore,
			BatchCoordinator batches, StepPublisher publisher, ResultStore results, JsonMapper mapper, Duration ttl,
			Clock clock) {
		this.compiler = compiler;
		this.json = json;
		this.store = store;
		this.batchStore = batchStore;
		this.batches = batches;
		this.publisher = publisher;
		this.results = results;
		this.mapper = mapper;
		this.ttl = ttl;
		this.clock = clock;
	}

	/**
	 * Submits a workflow.
	 * @param workflow the workflow
	 * @param <T> what it yields
	 * @return its handle
	 */
	public <T> WorkflowHandle<T> submit(Workflow<T> workflow) {
		Instant now = this.clock.instant();
		String id = JobIds.next();
		PlanCompiler.Compiled compiled = this.compiler.compile(workflow, id, now);
		WorkflowPlan plan = compiled.plan();
		this.store.start(id, this.json.write(plan), plan.steps().size(), this.ttl);
		List<JobEnvelope> first = new ArrayList<>();
		for (int step : plan.entrySteps()) {
			first.add(this.publisher.atSubmission(plan.steps().get(step), Membership.step(id, step)));
		}
		for (int chord : plan.chordsWithDeadline()) {
			first.add(deadlineCheck(plan, chord, now));
		}
		this.publisher.publish(first);
		return new StoredWorkflowHandle<>(id, this.store, this.results, this.mapper, compiled.resultType(),
				compiled.jobIds());
	}

	/** The check of a chord's deadline, on the queue of the chord's callback, which a worker consumes. */
	private JobEnvelope deadlineCheck(WorkflowPlan plan, int chord, Instant now) {
		int header = plan.nodes().get(chord).header();
		String queue = plan.steps().get(plan.followers(header).get(0)).queue();
		ArrayNode args = this.mapper.createArrayNode().add(plan.id()).add(chord);
		return JobEnvelope.first(JobIds.next(), ChordDeadlines.TASK, queue, args, now)
			.eta(now.plus(plan.nodes().get(chord).deadline()));
	}

	/**
	 * A handle to a workflow submitted earlier.
	 * @param workflowId its id
	 * @return a handle whose result is decoded as plain JSON values
	 */
	public WorkflowHandle<Object> workflow(String workflowId) {
		return new StoredWorkflowHandle<>(workflowId, this.store, this.results, this.mapper,
				this.mapper.constructType(Object.class), null);
	}

	/**
	 * The job ids of a workflow's steps, for a cancel.
	 * @param id any id
	 * @return its steps' job ids, or nothing if no workflow has that id (or its state is gone)
	 */
	public List<String> stepJobIds(String id) {
		String plan = this.store.plan(id);
		if (plan == null) {
			return List.of();
		}
		return this.json.read(plan).steps().stream().map(JobSpec::jobId).toList();
	}

	/**
	 * Creates a batch.
	 * @param definition adds the batch's jobs and callbacks
	 * @return its handle
	 */
	public BatchHandle batch(Consumer<BatchBuilder> definition) {
		Collected collected = new Collected();
		definition.accept(collected);
		String id = this.batches.create(collected.members, collected.onSuccess, collected.onComplete);
		return batchHandle(id);
	}

	/**
	 * A handle to a batch created earlier.
	 * @param batchId its id
	 * @return the handle
	 */
	public BatchHandle batchHandle(String batchId) {
		return new StoredBatchHandle(batchId, this.batchStore, this.results);
	}

	/** What a batch's definition gave. */
	private static final class Collected implements BatchBuilder {

		private final List<Signature<?>> members = new ArrayList<>();

		private Signature<?> onSuccess;

		private Signature<?> onComplete;

		@Override
		public BatchBuilder add(Signature<?> job) {
			this.members.add(job);
			return this;
		}

		@Override
		public BatchBuilder onSuccess(Signature<?> callback) {
			this.onSuccess = callback;
			return this;
		}

		@Override
		public BatchBuilder onComplete(Signature<?> callback) {
			this.onComplete = callback;
			return this;
		}

	}

}
