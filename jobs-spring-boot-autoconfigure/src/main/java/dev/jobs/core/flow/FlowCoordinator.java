package dev.jobs.core.flow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.jobs.JobError;
import dev.jobs.JobOptions;
import dev.jobs.JobStatus;
import dev.jobs.SnoozeJob;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.envelope.Membership;
import dev.jobs.core.port.FlowStore;
import dev.jobs.core.port.ResultRecord;
import dev.jobs.core.port.ResultStore;
import dev.jobs.workflow.WorkflowFailure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Moves workflows on as their steps end, on the worker that ended the step and before its
 * delivery is acknowledged:
 * <ol>
 * <li>a step that succeeded is recorded and counted in its joins, atomically in the store; for
 * each join now complete, the steps that follow it are published with its value (the chain's
 * next step with the result, a chord's callback with the list of header results), and the
 * root's completion records the workflow's {@code SUCCESS} under the workflow id;</li>
 * <li>a step that failed for good fails the workflow: its {@code FAILURE} is recorded under the
 * workflow id and the error callbacks around the step are published, once;</li>
 * <li>a chord's deadline check fails the workflow, or starts the callback with what there is.</li>
 * </ol>
 * A delivery that is redelivered after its step was counted counts nothing again but publishes
 * what its joins start again, under the same job ids; so a worker that dies between the count
 * and the publish loses nothing, and the copies run once by their idempotency keys.
 */
public final class FlowCoordinator {

	private static final Log logger = LogFactory.getLog(FlowCoordinator.class);

	/** The task name under which workflow and batch records are kept. */
	public static final String WORKFLOW_TASK = "workflow";

	private final FlowStore store;

	private final PlanCache plans;

	private final StepPublisher publisher;

	private final ResultStore results;

	private final JsonMapper mapper;

	private final Duration ttl;

	private final Clock clock;

	/** How early a deadline check may come and still count: the clocks of instances differ a little. */
	private static final Duration DEADLINE_TOLERANCE = Duration.ofSeconds(2);

	/**
	 * Creates the coordinator of workflows.
	 * @param store the workflow store
	 * @param json the codec of plans
	 * @param publisher the publisher of the steps' jobs
	 * @param results the result store
	 * @param mapper the JSON mapper
	 * @param ttl how long the records are kept
	 * @param clock the clock
	 */
	public FlowCoordinator(FlowStore store, PlanJson json, StepPublisher publisher, ResultStore results,
			JsonMapper mapper, Duration ttl, Clock clock) {
		this.store = store;
		this.plans = new PlanCache(store, json);
		this.publisher = publisher;
		this.results = results;
		this.mapper = mapper;
		this.ttl = ttl;
		this.clock = clock;
	}

	/**
	 * A step succeeded (or ended with the result of a job with its idempotency key, or was
	 * skipped, with a {@code null} result).
	 * @param job the step's job
	 * @param result its result
	 */
	public void stepSucceeded(JobEnvelope job, JsonNode result) {
		Membership step = job.keys().membership();
		PlanCache.Indexed indexed = this.plans.get(step.workflow());
		if (indexed == null) {
			logger.warn("Job " + job.id() + " ended a step of workflow " + step.workflow()
					+ ", whose state has expired (jobs.results.ttl); nothing follows it");
			return;
		}
		WorkflowPlan plan = indexed.plan();
		if (!isStepJob(plan, step, job)) {
			return;
		}
		FlowStore.StepSucceeded next = this.store.stepSucceeded(plan.id(), step.step(), result,
				indexed.joins().get(step.step()), plan.root(), plan.isRevivable(step.step()), this.ttl);
		if (next.gone()) {
			return;
		}
		if (next.failed()) {
			logger.info("Job " + job.id() + " (task '" + job.task() + "') succeeded after its workflow " + plan.id()
					+ " had failed; recorded, and nothing follows it");
			return;
		}
		for (int node : next.ready()) {
			joinComplete(plan, node, next.run());
		}
	}

	/**
	 * A step failed for good (its attempts spent, its input refused, or it expired).
	 * @param job the step's job
	 * @param error what went wrong
	 */
	public void stepFailed(JobEnvelope job, JobError error) {
		Membership step = job.keys().membership();
		PlanCache.Indexed indexed = this.plans.get(step.workflow());
		if (indexed != null && !isStepJob(indexed.plan(), step, job)) {
			return;
		}
		WorkflowFailure failure = new WorkflowFailure(step.workflow(), job.id(), job.task(), error);
		FlowStore.FailedBy by = this.store.stepFailed(step.workflow(), step.step(),
				this.mapper.writeValueAsString(failure), this.ttl);
		if (indexed != null && (by == FlowStore.FailedBy.THIS_STEP || by == FlowStore.FailedBy.THIS_STEP_BEFORE)) {
			failWorkflow(indexed.plan(), indexed.plan().nodeOf(step.step()), failure);
		}
	}

	private static boolean isStepJob(WorkflowPlan plan, Membership step, JobEnvelope job) {
		if (plan.isJobOfStep(step.step(), job.id())) {
			return true;
		}
		logger.warn("Job " + job.id() + " (task '" + job.task() + "') names step " + step.step() + " of workflow "
				+ plan.id() + ", which the workflow's plan gives another job; ignored, the workflow does not move on"
				+ " (a forged or stray message)");
		return false;
	}

	/**
	 * A chord's deadline has come.
	 * @param workflowId the workflow
	 * @param chord the chord's node
	 */
	public void deadlinePassed(String workflowId, int chord) {
		PlanCache.Indexed indexed = this.plans.get(workflowId);
		if (indexed == null) {
			return;
		}
		WorkflowPlan plan = indexed.plan();
		PlanNode part = (chord >= 0 && chord < plan.nodes().size()) ? plan.nodes().get(chord) : null;
		if (part == null || part.kind() != PlanNode.Kind.CHORD || part.deadline() == null) {
			logger.warn("Workflow " + workflowId + ": node " + chord + " is no chord with a deadline; a deadline check"
					+ " for it was not published by this starter, and is ignored");
			return;
		}
		Duration early = Duration.between(this.clock.instant(), plan.submittedAt().plus(part.deadline()));
		if (early.compareTo(DEADLINE_TOLERANCE) > 0) {
			// The plan, not the message, says when the deadline is: a check delivered early (published
			// by hand, or by a producer with another clock) waits for it instead of failing the chord.
			logger.warn("Workflow " + workflowId + ": a deadline check came " + early + " before the chord's deadline;"
					+ " it waits until then");
			throw SnoozeJob.of((early.compareTo(JobOptions.MAX_DELAY) > 0) ? JobOptions.MAX_DELAY : early);
		}
		int header = part.header();
		int required = plan.terminals(header).size();
		WorkflowFailure failure = new WorkflowFailure(workflowId, null, null, new JobError("DEADLINE",
				"the chord's header was not complete " + part.deadline() + " after the workflow was submitted"));
		switch (this.store.deadline(workflowId, header, required, part.partial(),
				this.mapper.writeValueAsString(failure), this.ttl)) {
			case MET -> {
			}
			case PARTIAL -> {
				logger.info("Workflow " + workflowId + ": the chord's deadline passed; its callback runs with the"
						+ " results there are");
				joinComplete(plan, header, 1);
			}
			case FAILED -> {
				logger.warn("Workflow " + workflowId + " failed: " + failure.error().message());
				failWorkflow(plan, chord, failure);
			}
		}
	}

	private void joinComplete(WorkflowPlan plan, int node, int run) {
		List<Integer> followers = plan.followers(node);
		boolean valueNeeded = node == plan.root()
				|| followers.stream().anyMatch((step) -> !plan.steps().get(step).immutable());
		JsonNode value = valueNeeded ? plan.value(node, this.store.results(plan.id(), plan.terminals(node))) : null;
		List<JobEnvelope> next = new ArrayList<>(followers.size());
		for (int step : followers) {
			next.add(this.publisher.onContinuation(plan.steps().get(step), value, Membership.step(plan.id(), step)));
		}
		this.publisher.publish(next);
		if (node == plan.root()) {
			this.results.record(workflowRecord(plan, JobStatus.SUCCESS, run).result(value));
		}
	}

	private void failWorkflow(WorkflowPlan plan, int node, WorkflowFailure failure) {
		JsonNode given = this.mapper.valueToTree(failure);
		List<JobEnvelope> errbacks = plan.errbacksAround(node)
			.stream()
			.map((errback) -> this.publisher.onContinuation(errback, given, Membership.NONE))
			.toList();
		this.publisher.publish(errbacks);
		FlowStore.FlowState state = this.store.state(plan.id());
		// A revived workflow that fails again records its failure in its new run.
		int run = (state != null) ? state.run() : 1;
		this.results.record(workflowRecord(plan, JobStatus.FAILURE, run).error(failure.error()));
	}

	private ResultRecord workflowRecord(WorkflowPlan plan, JobStatus status, int run) {
		Instant now = this.clock.instant();
		return new ResultRecord(plan.id(), WORKFLOW_TASK, null, status, run, 0, plan.submittedAt(), null, null, now,
				null, null, null, null, null, null, null);
	}

}
