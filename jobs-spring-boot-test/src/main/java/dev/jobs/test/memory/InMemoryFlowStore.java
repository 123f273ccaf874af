package dev.jobs.test.memory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;

import dev.jobs.core.port.FlowStore;

/**
 * Workflow state in a map, one record per workflow changed under its own monitor, by the rules
 * of the Redis store's scripts ({@code workflow_*.lua}): each step's result is set once and
 * counted once in each of its joins, the first step to fail for good fails the workflow, a
 * replayed step that failed a revivable chord may revive it, and a chord's deadline fails it or
 * completes its header with what there is. So chains, groups, chords and their error callbacks
 * run in a test as they do against Redis.
 */
public final class InMemoryFlowStore implements FlowStore {

	private static final String RUNNING = "RUNNING";

	private static final String SUCCESS = "SUCCESS";

	private static final String FAILURE = "FAILURE";

	private final Map<String, Flow> flows = new ConcurrentHashMap<>();

	@Override
	public boolean start(String workflowId, String plan, int steps, Duration ttl) {
		return this.flows.putIfAbsent(workflowId, new Flow(plan, steps)) == null;
	}

	@Override
	public String plan(String workflowId) {
		Flow flow = this.flows.get(workflowId);
		return (flow != null) ? flow.plan : null;
	}

	@Override
	public StepSucceeded stepSucceeded(String workflowId, int step, JsonNode result, List<int[]> joins, int root,
			boolean revive, Duration ttl) {
		Flow flow = this.flows.get(workflowId);
		if (flow == null) {
			return new StepSucceeded(true, false, 0, List.of());
		}
		synchronized (flow) {
			boolean first = flow.results.putIfAbsent(step, result) == null;
			// A step that failed before (and was replayed) was counted as done then.
			if (first && !flow.failedSteps.contains(step)) {
				flow.done++;
			}
			if (FAILURE.equals(flow.status)) {
				if (first && revive && Integer.toString(step).equals(flow.failedStep)) {
					flow.status = RUNNING;
					flow.failure = null;
					flow.failedStep = null;
					flow.run++;
				}
				else {
					return new StepSucceeded(false, true, flow.run, List.of());
				}
			}
			List<Integer> ready = new ArrayList<>();
			for (int[] join : joins) {
				int count = first ? flow.joinCounts.merge(join[0], 1, Integer::sum)
						: flow.joinCounts.getOrDefault(join[0], 0);
				if (count >= join[1]) {
					ready.add(join[0]);
					if (join[0] == root) {
						flow.status = SUCCESS;
					}
				}
			}
			return new StepSucceeded(false, false, flow.run, ready);
		}
	}

	@Override
	public FailedBy stepFailed(String workflowId, int step, String failure, Duration ttl) {
		Flow flow = this.flows.get(workflowId);
		if (flow == null) {
			return FailedBy.GONE;
		}
		synchronized (flow) {
			if (flow.failedSteps.add(step) && !flow.results.containsKey(step)) {
				flow.done++;
			}
			if (RUNNING.equals(flow.status)) {
				flow.status = FAILURE;
				flow.failure = failure;
				flow.failedStep = Integer.toString(step);
				return FailedBy.THIS_STEP;
			}
			if (FAILURE.equals(flow.status) && Integer.toString(step).equals(flow.failedStep)) {
				return FailedBy.THIS_STEP_BEFORE;
			}
			return FailedBy.OTHER;
		}
	}

	@Override
	public DeadlineCheck deadline(String workflowId, int header, int required, boolean partial, String failure,
			Duration ttl) {
		Flow flow = this.flows.get(workflowId);
		if (flow == null) {
			return DeadlineCheck.MET;
		}
		synchronized (flow) {
			if (!RUNNING.equals(flow.status) || flow.joinCounts.getOrDefault(header, 0) >= required) {
				return DeadlineCheck.MET;
			}
			if (partial) {
				flow.joinCounts.put(header, required);
				return DeadlineCheck.PARTIAL;
			}
			flow.status = FAILURE;
			flow.failure = failure;
			flow.failedStep = "deadline:" + header;
			return DeadlineCheck.FAILED;
		}
	}

	@Override
	public Map<Integer, JsonNode> results(String workflowId, List<Integer> steps) {
		Flow flow = this.flows.get(workflowId);
		Map<Integer, JsonNode> results = new HashMap<>();
		if (flow != null) {
			synchronized (flow) {
				steps.stream().filter(flow.results::containsKey).forEach((step) -> results.put(step, flow.results.get(step)));
			}
		}
		return results;
	}

	@Override
	public FlowState state(String workflowId) {
		Flow flow = this.flows.get(workflowId);
		if (flow == null) {
			return null;
		}
		synchronized (flow) {
			return new FlowState(flow.status, flow.done, flow.total, flow.failure, flow.run);
		}
	}

	/**
	 * Forgets everything, as between two tests.
	 */
	public void clear() {
		this.flows.clear();
	}

	/** One workflow's record; every field is guarded by the record's monitor. */
	private static final class Flow {

		private final String plan;

		private final long total;

		private final Map<Integer, JsonNode> results = new HashMap<>();

		private final Set<Integer> failedSteps = new HashSet<>();

		private final Map<Integer, Integer> joinCounts = new HashMap<>();

		private String status = RUNNING;

		private long done;

		private int run = 1;

		private String failure;

		private String failedStep;

		Flow(String plan, long total) {
			this.plan = plan;
			this.total = total;
		}

	}

}
