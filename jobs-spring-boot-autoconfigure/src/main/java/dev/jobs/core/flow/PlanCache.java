package dev.jobs.core.flow;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import dev.jobs.core.port.FlowStore;

/**
 * The plans of the workflows whose steps this instance ends, read from the store once each: a
 * plan never changes after submission. The steps of one workflow that end together wait for one
 * read rather than each reading (a chord's header ends in a burst, and its plan may be megabytes).
 * Holds at most {@value #MAX_PLANS}; past that it starts over, which costs one read per workflow.
 */
final class PlanCache {

	static final int MAX_PLANS = 1_000;

	private final FlowStore store;

	private final PlanJson json;

	private final Map<String, CompletableFuture<Indexed>> plans = new ConcurrentHashMap<>();

	PlanCache(FlowStore store, PlanJson json) {
		this.store = store;
		this.json = json;
	}

	/**
	 * A workflow's plan with its joins worked out.
	 * @param workflowId the workflow
	 * @return the plan, or {@code null} if its state is gone
	 */
	Indexed get(String workflowId) {
		if (this.plans.size() >= MAX_PLANS) {
			this.plans.clear();
		}
		CompletableFuture<Indexed> mine = new CompletableFuture<>();
		CompletableFuture<Indexed> loading = this.plans.putIfAbsent(workflowId, mine);
		if (loading != null) {
			return loading.join();
		}
		try {
			String text = this.store.plan(workflowId);
			Indexed indexed = (text != null) ? new Indexed(this.json.read(text)) : null;
			mine.complete(indexed);
			if (indexed == null) {
				this.plans.remove(workflowId, mine);
			}
			return indexed;
		}
		catch (RuntimeException ex) {
			this.plans.remove(workflowId, mine);
			mine.completeExceptionally(ex);
			throw ex;
		}
	}

	/**
	 * A plan with each step's joins in the form the store takes.
	 */
	static final class Indexed {

		private final WorkflowPlan plan;

		private final List<List<int[]>> joins;

		Indexed(WorkflowPlan plan) {
			this.plan = plan;
			this.joins = plan.allSteps()
				.stream()
				.map((step) -> plan.joinsOf(step)
					.stream()
					.map((join) -> new int[] { join.node(), join.required() })
					.toList())
				.toList();
		}

		WorkflowPlan plan() {
			return this.plan;
		}

		List<List<int[]>> joins() {
			return this.joins;
		}

	}

}
