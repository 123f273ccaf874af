package dev.jobs.core.flow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;

/**
 * A submitted workflow as the engine runs it: a tree of {@link PlanNode}s over a flat list of
 * steps, each step knowing the node whose value it is given ({@code after}). Built by the
 * {@link PlanCompiler}, stored once in Redis, read back by any worker that ends one of its steps.
 *
 * <p>What the engine derives from the tree, once per plan:
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
 *
 * @param id the workflow id
 * @param submittedAt when it was submitted
 * @param root the index of the root node
 * @param nodes the nodes
 * @param steps the steps' jobs
 * @param after for each step, the node whose value it is given, or -1 for none (it starts at
 * submission)
 */
public record WorkflowPlan(String id, Instant submittedAt, int root, List<PlanNode> nodes, List<JobSpec> steps,
		List<Integer> after) {

	public WorkflowPlan {
		nodes = List.copyOf(nodes);
		steps = List.copyOf(steps);
		after = List.copyOf(after);
		if (after.size() != steps.size()) {
			throw new IllegalArgumentException("a plan needs one 'after' per step");
		}
	}

	/**
	 * The steps that start at submission.
	 * @return their indexes
	 */
	public List<Integer> entrySteps() {
		return followers(-1);
	}

	/**
	 * The steps that start once a node has ended.
	 * @param node the node, or -1 for the submission
	 * @return their indexes
	 */
	public List<Integer> followers(int node) {
		List<Integer> followers = new ArrayList<>();
		for (int step = 0; step < this.after.size(); step++) {
			if (this.after.get(step) == node) {
				followers.add(step);
			}
		}
		return followers;
	}

	/**
	 * The steps whose end ends the node.
	 * @param node the node
	 * @return their indexes, in the order of the node's value
	 */
	public List<Integer> terminals(int node) {
		PlanNode part = this.nodes.get(node);
		return switch (part.kind()) {
			case STEP -> List.of(part.step());
			case CHAIN -> terminals(part.members().get(part.members().size() - 1));
			case CHORD -> terminals(part.callback());
			case GROUP -> {
				List<Integer> all = new ArrayList<>();
				part.members().forEach((member) -> all.addAll(terminals(member)));
				yield all;
			}
		};
	}

	/**
	 * The nodes a step is terminal in that something waits for, with how many terminal steps each
	 * has: the counts the store keeps.
	 * @param step the step
	 * @return the joins, innermost first
	 */
	public List<Join> joinsOf(int step) {
		List<Join> joins = new ArrayList<>();
		for (int node = 0; node < this.nodes.size(); node++) {
			if (node != this.root && followers(node).isEmpty()) {
				continue;
			}
			List<Integer> terminals = terminals(node);
			if (terminals.contains(step)) {
				joins.add(new Join(node, terminals.size()));
			}
		}
		return joins;
	}

	/**
	 * The node of a step.
	 * @param step the step
	 * @return the index of its {@link PlanNode.Kind#STEP} node
	 */
	public int nodeOf(int step) {
		for (int node = 0; node < this.nodes.size(); node++) {
			if (this.nodes.get(node).kind() == PlanNode.Kind.STEP && this.nodes.get(node).step() == step) {
				return node;
			}
		}
		throw new IllegalArgumentException("Workflow " + this.id + " has no step " + step);
	}

	/**
	 * The error callbacks to run when a node fails: its own and those of every node around it,
	 * innermost first.
	 * @param node the node that failed (a step's node, or a chord whose deadline passed)
	 * @return the callbacks
	 */
	public List<JobSpec> errbacksAround(int node) {
		List<JobSpec> errbacks = new ArrayList<>();
		for (int at = node; at >= 0; at = parentOf(at)) {
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
		for (int at = nodeOf(step), child = -1; at >= 0; child = at, at = parentOf(at)) {
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
				var list = JsonNodeFactory.instance.arrayNode();
				part.members().forEach((member) -> list.add(value(member, results)));
				yield list;
			}
		};
	}

	private int parentOf(int node) {
		for (int at = 0; at < this.nodes.size(); at++) {
			if (this.nodes.get(at).kind() != PlanNode.Kind.STEP && this.nodes.get(at).members().contains(node)) {
				return at;
			}
		}
		return -1;
	}

	/**
	 * A node whose completion the store counts.
	 *
	 * @param node the node
	 * @param required how many terminal steps it has
	 */
	public record Join(int node, int required) {
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

}
