package dev.jobs.core.flow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;

/**
 * A submitted workflow as the engine runs it: a tree of {@link PlanNode}s over a flat list of
 * steps, each step knowing the node whose value it is given ({@code after}). Built by the
 * {@link PlanCompiler}, stored once in Redis, read back by any worker that ends one of its steps.
 *
 * <p>What the engine derives from the tree, once per plan and in time linear in its size (a
 * chord of 100,000 header jobs is one plan):
 * <ul>
 * <li>the <em>terminal</em> steps of a node: those whose end ends the node (a step itself; a
 * chain's last part's; a group's members' together; a chord's callback's);</li>
 * <li>the <em>followers</em> of a node: the steps that start once it has ended;</li>
 * <li>the <em>joins</em> of a step: the nodes it is terminal in that something waits for (they
 * have followers, or are the root). Their completion is counted in Redis, one count per join,
 * which is what makes a chord fire exactly once;</li>
 * <li>the <em>value</em> of a node, from its steps' results: a step's result, a chain's last
 * part's, a group's list, a chord's callback's.</li>
 * </ul>
 */
public final class WorkflowPlan {

	private final String id;

	private final Instant submittedAt;

	private final int root;

	private final List<PlanNode> nodes;

	private final List<JobSpec> steps;

	private final List<Integer> after;

	private final List<List<Integer>> terminals;

	private final List<List<Integer>> followers;

	private final List<Integer> entrySteps;

	private final List<List<Join>> joins;

	private final int[] parents;

	private final int[] stepNodes;

	/**
	 * A plan.
	 * @param id the workflow id
	 * @param submittedAt when it was submitted
	 * @param root the index of the root node
	 * @param nodes the nodes
	 * @param steps the steps' jobs
	 * @param after for each step, the node whose value it is given, or -1 for none (it starts at
	 * submission)
	 */
	public WorkflowPlan(String id, Instant submittedAt, int root, List<PlanNode> nodes, List<JobSpec> steps,
			List<Integer> after) {
		this.id = id;
		this.submittedAt = submittedAt;
		this.root = root;
		this.nodes = List.copyOf(nodes);
		this.steps = List.copyOf(steps);
		this.after = List.copyOf(after);
		if (this.after.size() != this.steps.size()) {
			throw new IllegalArgumentException("a plan needs one 'after' per step");
		}
		this.parents = new int[this.nodes.size()];
		this.stepNodes = new int[this.steps.size()];
		Arrays.fill(this.parents, -1);
		for (int node = 0; node < this.nodes.size(); node++) {
			PlanNode part = this.nodes.get(node);
			if (part.kind() == PlanNode.Kind.STEP) {
				this.stepNodes[part.step()] = node;
			}
			for (int member : part.members()) {
				this.parents[member] = node;
			}
		}
		this.terminals = new ArrayList<>(Collections.nCopies(this.nodes.size(), null));
		for (int node = 0; node < this.nodes.size(); node++) {
			terminalsOf(node);
		}
		this.followers = new ArrayList<>();
		for (int node = 0; node < this.nodes.size(); node++) {
			this.followers.add(new ArrayList<>());
		}
		List<Integer> entry = new ArrayList<>();
		for (int step = 0; step < this.after.size(); step++) {
			int node = this.after.get(step);
			((node < 0) ? entry : this.followers.get(node)).add(step);
		}
		this.entrySteps = List.copyOf(entry);
		this.joins = new ArrayList<>();
		for (int step = 0; step < this.steps.size(); step++) {
			this.joins.add(new ArrayList<>());
		}
		for (int node = 0; node < this.nodes.size(); node++) {
			if (node == root || !this.followers.get(node).isEmpty()) {
				List<Integer> ends = this.terminals.get(node);
				for (int step : ends) {
					this.joins.get(step).add(new Join(node, ends.size()));
				}
			}
		}
	}

	private List<Integer> terminalsOf(int node) {
		List<Integer> known = this.terminals.get(node);
		if (known != null) {
			return known;
		}
		PlanNode part = this.nodes.get(node);
		List<Integer> ends = switch (part.kind()) {
			case STEP -> List.of(part.step());
			case CHAIN -> terminalsOf(part.members().get(part.members().size() - 1));
			case CHORD -> terminalsOf(part.callback());
			case GROUP -> {
				List<Integer> all = new ArrayList<>();
				part.members().forEach((member) -> all.addAll(terminalsOf(member)));
				yield List.copyOf(all);
			}
		};
		this.terminals.set(node, ends);
		return ends;
	}

	/**
	 * The workflow id.
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	/**
	 * When the workflow was submitted.
	 * @return the instant
	 */
	public Instant submittedAt() {
		return this.submittedAt;
	}

	/**
	 * The root node.
	 * @return its index
	 */
	public int root() {
		return this.root;
	}

	/**
	 * The nodes.
	 * @return the nodes, by index
	 */
	public List<PlanNode> nodes() {
		return this.nodes;
	}

	/**
	 * The steps' jobs.
	 * @return the jobs, by step
	 */
	public List<JobSpec> steps() {
		return this.steps;
	}

	/**
	 * Whether a job is the one the plan gave a step: a message that names a workflow and a step
	 * under another job id (forged, or left over from another plan) moves nothing on.
	 * @param step the step index the job's message names
	 * @param jobId the job's id
	 * @return {@code true} if the step exists and has that job
	 */
	public boolean isJobOfStep(int step, String jobId) {
		return step >= 0 && step < this.steps.size() && this.steps.get(step).jobId().equals(jobId);
	}

	/**
	 * For each step, the node whose value it is given.
	 * @return the node indexes, -1 for a step that starts at submission
	 */
	public List<Integer> after() {
		return this.after;
	}

	/**
	 * The steps that start at submission.
	 * @return their indexes
	 */
	public List<Integer> entrySteps() {
		return this.entrySteps;
	}

	/**
	 * The steps that start once a node has ended.
	 * @param node the node
	 * @return their indexes
	 */
	public List<Integer> followers(int node) {
		return Collections.unmodifiableList(this.followers.get(node));
	}

	/**
	 * The steps whose end ends the node.
	 * @param node the node
	 * @return their indexes, in the order of the node's value
	 */
	public List<Integer> terminals(int node) {
		return this.terminals.get(node);
	}

	/**
	 * The nodes a step is terminal in that something waits for, with how many terminal steps each
	 * has: the counts the store keeps.
	 * @param step the step
	 * @return the joins
	 */
	public List<Join> joinsOf(int step) {
		return Collections.unmodifiableList(this.joins.get(step));
	}

	/**
	 * The node of a step.
	 * @param step the step
	 * @return the index of its {@link PlanNode.Kind#STEP} node
	 */
	public int nodeOf(int step) {
		return this.stepNodes[step];
	}

	/**
	 * The error callbacks to run when a node fails: its own and those of every node around it,
	 * innermost first.
	 * @param node the node that failed (a step's node, or a chord whose deadline passed)
	 * @return the callbacks
	 */
	public List<JobSpec> errbacksAround(int node) {
		List<JobSpec> errbacks = new ArrayList<>();
		for (int at = node; at >= 0; at = this.parents[at]) {
			JobSpec errback = this.nodes.get(at).errback();
			if (errback != null) {
				errbacks.add(errback);
			}
		}
		return errbacks;
	}

	/**
	 * Whether a step is in the header of a chord that a replay may revive.
	 * @param step the step
	 * @return {@code true} if a chord around it was built with {@code reviveOnReplay()}
	 */
	public boolean isRevivable(int step) {
		for (int child = nodeOf(step), at = this.parents[child]; at >= 0; child = at, at = this.parents[at]) {
			PlanNode part = this.nodes.get(at);
			if (part.kind() == PlanNode.Kind.CHORD && part.revive() && child == part.header()) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The chords that have a deadline.
	 * @return their node indexes
	 */
	public List<Integer> chordsWithDeadline() {
		List<Integer> chords = new ArrayList<>();
		for (int node = 0; node < this.nodes.size(); node++) {
			if (this.nodes.get(node).kind() == PlanNode.Kind.CHORD && this.nodes.get(node).deadline() != null) {
				chords.add(node);
			}
		}
		return chords;
	}

	/**
	 * A node's value from its steps' results.
	 * @param node the node
	 * @param results the results by step; a missing one reads as JSON {@code null}
	 * @return the value
	 */
	public JsonNode value(int node, Map<Integer, JsonNode> results) {
		PlanNode part = this.nodes.get(node);
		return switch (part.kind()) {
			case STEP -> results.getOrDefault(part.step(), NullNode.getInstance());
			case CHAIN -> value(part.members().get(part.members().size() - 1), results);
			case CHORD -> value(part.callback(), results);
			case GROUP -> {
				ArrayNode list = JsonNodeFactory.instance.arrayNode();
				part.members().forEach((member) -> list.add(value(member, results)));
				yield list;
			}
		};
	}

	/**
	 * The indexes of all steps.
	 * @return 0 to the number of steps, exclusive
	 */
	public List<Integer> allSteps() {
		List<Integer> all = new ArrayList<>(this.steps.size());
		for (int step = 0; step < this.steps.size(); step++) {
			all.add(step);
		}
		return Collections.unmodifiableList(all);
	}

	/**
	 * A node whose completion the store counts.
	 *
	 * @param node the node
	 * @param required how many terminal steps it has
	 */
	public record Join(int node, int required) {
	}

}
