package dev.jobs.core.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.jobs.core.envelope.JobsJsonMapper;
import dev.jobs.core.task.TaskRegistry;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.IntNode;

import static dev.jobs.workflow.Workflows.chain;
import static dev.jobs.workflow.Workflows.chord;
import static dev.jobs.workflow.Workflows.group;
import static dev.jobs.workflow.Workflows.sig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a compiled plan says starts when, what each step's end counts, and what a node's value
 * is, for tasks run by another service (so the plan is built from names alone).
 */
class WorkflowPlanTests {

	private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");

	private final JsonMapper mapper = JobsJsonMapper.create();

	private final PlanCompiler compiler = new PlanCompiler(new TaskRegistry(Map.of("a", "q", "b", "q", "c", "q",
			"d", "q", "merge", "q", "notify", "q", "alert", "q")), this.mapper);

	@Test
	void chainAroundAGroupStartsTheGroupAfterTheFirstStepAndTheLastAfterBothMembers() {
		WorkflowPlan plan = compile(chain(sig("a", 1), group(sig("b"), sig("c")), sig("d")));

		assertThat(plan.entrySteps()).containsExactly(0);
		int group = plan.after().get(3);
		assertThat(plan.terminals(group)).containsExactly(1, 2);
		assertThat(plan.after().get(1)).isEqualTo(plan.after().get(2)).isEqualTo(plan.nodeOf(0));
		assertThat(plan.joinsOf(1)).extracting(WorkflowPlan.Join::node).containsExactly(group);
		assertThat(plan.joinsOf(3)).extracting(WorkflowPlan.Join::node).containsExactly(plan.root());
		assertThat(plan.value(group, Map.of(1, IntNode.valueOf(5), 2, IntNode.valueOf(6))).toString())
			.isEqualTo("[5,6]");
	}

	@Test
	void chordInChainCountsEveryHeaderStepInOneJoinAndCallsBackWithTheirList() {
		WorkflowPlan plan = compile(chain(chord(List.of(sig("a", 1), sig("a", 2), sig("a", 3)), sig("merge")),
				sig("notify", "ops")).onError(sig("alert")));

		assertThat(plan.entrySteps()).containsExactly(0, 1, 2);
		int header = plan.after().get(3);
		assertThat(plan.joinsOf(0)).containsExactly(new WorkflowPlan.Join(header, 3));
		assertThat(plan.steps().get(3).immutable()).isFalse();
		assertThat(plan.errbacksAround(plan.nodeOf(1))).extracting(JobSpec::task).containsExactly("alert");
		assertThat(plan.value(header, Map.of(0, IntNode.valueOf(1), 2, IntNode.valueOf(9))).toString())
			.isEqualTo("[1,null,9]");
	}

	@Test
	void planReadsBackAsWrittenWithItsChordOptions() {
		WorkflowPlan plan = compile(chord(List.of(sig("a", 1), sig("b", 2)), sig("merge"))
			.deadline(Duration.ofMinutes(5))
			.allowPartial()
			.reviveOnReplay());
		PlanJson json = new PlanJson(this.mapper);

		WorkflowPlan read = json.read(json.write(plan));

		assertThat(read).usingRecursiveComparison().isEqualTo(plan);
		assertThat(read.chordsWithDeadline()).containsExactly(read.root());
		assertThat(read.isRevivable(0)).isTrue();
		assertThat(read.isRevivable(2)).isFalse();
	}

	private WorkflowPlan compile(dev.jobs.workflow.Workflow<?> workflow) {
		return this.compiler.compile(workflow, "wf-1", NOW).plan();
	}

}
