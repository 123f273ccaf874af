package dev.jobs.core.flow;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.jobs.core.port.FlowStore;

/**
 * The plans of the workflows whose steps this instance ends, read from the store once each: a
 * plan never changes after submission. Holds at most {@value #MAX_PLANS}; past that it starts
 * over, which costs one read per workflow.
 */
final class PlanCache {

	static final int MAX_PLANS = 1_000;

	private final FlowStore store;

	private final PlanJson json;

	private final Map<String, Indexed> plans = new ConcurrentHashMap<>();

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
		Indexed cached = this.plans.get(workflowId);
		if (cached != null) {
			return cached;
		}
		String text = this.store.plan(workflowId);
		if (text == null) {
			return null;
		}
		if (this.plans.size() >= MAX_PLANS) {
			this.plans.clear();
		}
		Indexed indexed = new Indexed(this.json.read(text));
		this.plans.put(workflowId, indexed);
		return indexed;
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
