package dev.jobs.core.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.jobs.JobArgumentsException;
import dev.jobs.JobOptions;
import dev.jobs.core.envelope.JobIds;
import dev.jobs.core.task.TaskDefinition;
import dev.jobs.core.task.TaskMethodResolver;
import dev.jobs.core.task.TaskRegistry;
import dev.jobs.workflow.Chain;
import dev.jobs.workflow.Chord;
import dev.jobs.workflow.Group;
import dev.jobs.workflow.Signature;
import dev.jobs.workflow.Workflow;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * Turns a {@link Workflow} into a {@link WorkflowPlan}: every signature becomes a step with its
 * job id fixed now, its task resolved and its given arguments checked against the task's
 * parameters (a step that is given what runs before it has one parameter fewer to fill), so that
 * a workflow that cannot run fails at submission, not halfway through.
 */
public final class PlanCompiler {

	private final TaskRegistry registry;

	private final TaskMethodResolver resolver = new TaskMethodResolver();

	private final JsonMapper mapper;

	/**
	 * Creates the compiler.
	 * @param registry the registered tasks
	 * @param mapper the JSON mapper
	 */
	public PlanCompiler(TaskRegistry registry, JsonMapper mapper) {
		this.registry = registry;
		this.mapper = mapper;
	}

	/**
	 * Compiles a workflow.
	 * @param workflow the workflow
	 * @param id its id
	 * @param submittedAt when it is submitted
	 * @return the plan and the type its result decodes to
	 * @throws JobArgumentsException if a step's arguments do not fit its task
	 */
	public Compiled compile(Workflow<?> workflow, String id, Instant submittedAt) {
		Builder builder = new Builder(submittedAt);
		int root = builder.add(workflow, -1);
		WorkflowPlan plan = new WorkflowPlan(id, submittedAt, root, builder.nodes, builder.steps, builder.after);
		return new Compiled(plan, builder.types.get(root), builder.jobIds);
	}

	/**
	 * The job of a callback outside any chain: an error callback (given a
	 * {@code WorkflowFailure}) or a batch callback (given a {@code BatchSnapshot}).
	 * @param callback the signature
	 * @param submittedAt when its workflow or batch is created
	 * @return the job
	 */
	public JobSpec callback(Signature<?> callback, Instant submittedAt) {
		return spec(callback, !callback.isImmutable(), submittedAt);
	}

	/**
	 * The job of a batch member, which is given nothing but its own arguments.
	 * @param job the signature
	 * @param createdAt when it is added
	 * @return the job
	 */
	public JobSpec member(Signature<?> job, Instant createdAt) {
		return spec(job, false, createdAt);
	}

	private JobSpec spec(Signature<?> signature, boolean receives, Instant at) {
		JobOptions options = signature.options();
		if (options.uniqueKey() != null) {
			throw new JobArgumentsException("A workflow or batch job cannot have a unique key ('"
					+ options.uniqueKey() + "'): its id is fixed when the workflow is submitted; use an idempotency"
					+ " key instead");
		}
		String task = taskOf(signature);
		Optional<TaskDefinition> local = this.registry.find(task);
		Object[] given = signature.args().toArray();
		ArrayNode args = local.isPresent() ? local.get().codec().encodeTail(receives ? 1 : 0, given)
				: byValue(given);
		String queue = (options.queue() != null) ? options.queue() : this.registry.queueOf(task);
		Instant due = options.dueFor(at);
		Instant expiry = options.expiryFor(at);
		int priority = (options.priority() != null) ? options.priority()
				: local.map((definition) -> definition.keys().priority()).orElse(0);
		return new JobSpec(JobIds.next(), task, queue, args, !receives, (due != null) ? Duration.between(at, due) : null,
				(expiry != null) ? Duration.between(at, expiry) : null, options.idempotencyKey(), priority,
				options.retryPolicy(), local.map(TaskDefinition::version).orElse(1));
	}

	private String taskOf(Signature<?> signature) {
		if (signature.task() != null) {
			return signature.task();
		}
		return this.registry.forMethod(this.resolver.resolve(signature.method())).name();
	}

	private ArrayNode byValue(Object[] given) {
		ArrayNode array = this.mapper.createArrayNode();
		for (Object arg : given) {
			array.add(this.mapper.valueToTree(arg));
		}
		return array;
	}

	private JavaType resultTypeOf(String task) {
		return this.registry.find(task)
			.map((definition) -> definition.codec().resultType())
			.orElseGet(() -> this.mapper.constructType(Object.class));
	}

	/**
	 * A compiled workflow.
	 *
	 * @param plan the plan
	 * @param resultType the type its result decodes to
	 * @param jobIds the job id of each signature, by identity; {@code null} for a signature the
	 * workflow holds more than once
	 */
	public record Compiled(WorkflowPlan plan, JavaType resultType, Map<Signature<?>, String> jobIds) {
	}

	/** Adds nodes depth first; each part's steps learn the node they are given the value of. */
	private final class Builder {

		private final Instant submittedAt;

		private final List<PlanNode> nodes = new ArrayList<>();

		private final List<JobSpec> steps = new ArrayList<>();

		private final List<Integer> after = new ArrayList<>();

		private final List<JavaType> types = new ArrayList<>();

		/** By identity: two equal signatures are two jobs. */
		private final Map<Signature<?>, String> jobIds = new IdentityHashMap<>();

		Builder(Instant submittedAt) {
			this.submittedAt = submittedAt;
		}

		/**
		 * Adds a part whose entry steps start once node {@code after} has ended.
		 * @return the part's node index
		 */
		int add(Workflow<?> part, int after) {
			JobSpec errback = (part.errback() != null) ? callback(part.errback(), this.submittedAt) : null;
			if (part instanceof Signature<?> signature) {
				JobSpec spec = spec(signature, after >= 0 && !signature.isImmutable(), this.submittedAt);
				this.steps.add(spec);
				this.after.add(after);
				// A signature held twice stands for two jobs, so it names neither.
				this.jobIds.put(signature, this.jobIds.containsKey(signature) ? null : spec.jobId());
				return node(PlanNode.step(this.steps.size() - 1, errback), resultTypeOf(spec.task()));
			}
			int node = reserve();
			List<Integer> members = new ArrayList<>();
			JavaType type;
			if (part instanceof Chain<?> chain) {
				int previous = after;
				for (Workflow<?> step : chain.steps()) {
					previous = add(step, previous);
					members.add(previous);
				}
				type = this.types.get(members.get(members.size() - 1));
				this.nodes.set(node, new PlanNode(PlanNode.Kind.CHAIN, -1, members, null, false, false, errback));
			}
			else if (part instanceof Group<?> group) {
				group.members().forEach((member) -> members.add(add(member, after)));
				type = listOf(members);
				this.nodes.set(node, new PlanNode(PlanNode.Kind.GROUP, -1, members, null, false, false, errback));
			}
			else {
				Chord<?> chord = (Chord<?>) part;
				int header = add(chord.header(), after);
				int callback = add(chord.callback(), header);
				members.add(header);
				members.add(callback);
				type = this.types.get(callback);
				this.nodes.set(node, new PlanNode(PlanNode.Kind.CHORD, -1, members, chord.deadline(),
						chord.partialAllowed(), chord.revivesOnReplay(), errback));
			}
			this.types.set(node, type);
			return node;
		}

		private int reserve() {
			this.nodes.add(null);
			this.types.add(null);
			return this.nodes.size() - 1;
		}

		private int node(PlanNode node, JavaType type) {
			this.nodes.add(node);
			this.types.add(type);
			return this.nodes.size() - 1;
		}

		/** A list of the members' type where they share one, else a list of plain JSON values. */
		private JavaType listOf(List<Integer> members) {
			JavaType element = this.types.get(members.get(0));
			for (int member : members) {
				if (!this.types.get(member).equals(element)) {
					element = PlanCompiler.this.mapper.constructType(Object.class);
				}
			}
			return PlanCompiler.this.mapper.getTypeFactory().constructCollectionType(List.class, element);
		}

	}

}
