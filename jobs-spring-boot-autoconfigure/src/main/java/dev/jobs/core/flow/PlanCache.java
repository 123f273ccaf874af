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
		Indexed indexed = Indexed.of(this.json.read(text));
		this.plans.put(workflowId, indexed);
		return indexed;
	}

	/**
	 * A plan with what each step's end must count.
	 *
	 * @param plan the plan
	 * @param joins for each step, its joins as {node, required} pairs
	 */
	record Indexed(WorkflowPlan plan, List<List<int[]>> joins) {

		static Indexed of(WorkflowPlan plan) {
			List<List<int[]>> joins = plan.allSteps()
				.stream()
				.map((step) -> plan.joinsOf(step)
					.stream()
					.map((join) -> new int[] { join.node(), join.required() })
					.toList())
				.toList();
			return new Indexed(plan, joins);
		}

	}

}
