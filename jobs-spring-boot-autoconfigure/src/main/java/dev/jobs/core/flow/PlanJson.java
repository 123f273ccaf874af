package dev.jobs.core.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes and reads a {@link WorkflowPlan} as the JSON stored in its workflow's Redis hash, the
 * format {@code docs/protocol.md} documents so that another language can start a workflow.
 */
public final class PlanJson {

	/** The plan format this code writes and reads. */
	static final int VERSION = 1;

	private final JsonMapper mapper;

	/**
	 * Creates the codec of plans.
	 * @param mapper the JSON mapper
	 */
	public PlanJson(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * The plan as JSON text.
	 * @param plan the plan
	 * @return the JSON
	 */
	public String write(WorkflowPlan plan) {
		ObjectNode json = this.mapper.createObjectNode();
		json.put("v", VERSION);
		json.put("id", plan.id());
		json.put("submittedAt", plan.submittedAt().toString());
		json.put("root", plan.root());
		ArrayNode nodes = json.putArray("nodes");
		for (PlanNode node : plan.nodes()) {
			ObjectNode part = nodes.addObject();
			part.put("kind", node.kind().name().toLowerCase(Locale.ROOT));
			if (node.kind() == PlanNode.Kind.STEP) {
				part.put("step", node.step());
			}
			else {
				ArrayNode members = part.putArray("members");
				node.members().forEach(members::add);
			}
			if (node.deadline() != null) {
				part.put("deadlineMs", node.deadline().toMillis());
				part.put("partial", node.partial());
			}
			if (node.revive()) {
				part.put("revive", true);
			}
			if (node.errback() != null) {
				part.set("errback", job(node.errback()));
			}
		}
		ArrayNode steps = json.putArray("steps");
		for (int i = 0; i < plan.steps().size(); i++) {
			steps.add(job(plan.steps().get(i)).put("after", plan.after().get(i)));
		}
		return this.mapper.writeValueAsString(json);
	}

	/**
	 * A job of a plan as JSON.
	 * @param spec the job
	 * @return its object
	 */
	ObjectNode job(JobSpec spec) {
		ObjectNode job = this.mapper.createObjectNode();
		job.put("job", spec.jobId());
		job.put("task", spec.task());
		job.put("queue", spec.queue());
		job.set("args", spec.args());
		if (spec.immutable()) {
			job.put("immutable", true);
		}
		if (spec.delay() != null) {
			job.put("delayMs", spec.delay().toMillis());
		}
		if (spec.expiresIn() != null) {
			job.put("expiresInMs", spec.expiresIn().toMillis());
		}
		if (spec.idempotencyKey() != null) {
			job.put("idempotencyKey", spec.idempotencyKey());
		}
		if (spec.priority() > 0) {
			job.put("priority", spec.priority());
		}
		if (spec.retryPolicy() != null) {
			job.put("retryPolicy", spec.retryPolicy());
		}
		if (spec.taskVersion() > 1) {
			job.put("taskVersion", spec.taskVersion());
		}
		return job;
	}

	/**
	 * Reads a plan.
	 * @param text the JSON
	 * @return the plan
	 * @throws IllegalArgumentException if the text is not a plan this code reads
	 */
	public WorkflowPlan read(String text) {
		JsonNode json = this.mapper.readTree(text);
		if (json.path("v").asInt() != VERSION) {
			throw new IllegalArgumentException("Workflow plan of version " + json.path("v") + "; this engine reads "
					+ VERSION);
		}
		List<PlanNode> nodes = new ArrayList<>();
		for (JsonNode part : json.path("nodes")) {
			PlanNode.Kind kind = PlanNode.Kind.valueOf(part.path("kind").asString().toUpperCase(Locale.ROOT));
			List<Integer> members = new ArrayList<>();
			part.path("members").forEach((member) -> members.add(member.asInt()));
			Duration deadline = part.has("deadlineMs") ? Duration.ofMillis(part.path("deadlineMs").asLong()) : null;
			JobSpec errback = part.has("errback") ? job(part.path("errback")) : null;
			nodes.add(new PlanNode(kind, (kind == PlanNode.Kind.STEP) ? part.path("step").asInt() : -1, members,
					deadline, part.path("partial").asBoolean(false), part.path("revive").asBoolean(false), errback));
		}
		List<JobSpec> steps = new ArrayList<>();
		List<Integer> after = new ArrayList<>();
		for (JsonNode step : json.path("steps")) {
			steps.add(job(step));
			after.add(step.path("after").asInt(-1));
		}
		return new WorkflowPlan(json.path("id").asString(), Instant.parse(json.path("submittedAt").asString()),
				json.path("root").asInt(), nodes, steps, after);
	}

	/**
	 * Reads a job of a plan.
	 * @param job its object
	 * @return the job
	 */
	JobSpec job(JsonNode job) {
		JsonNode args = job.path("args");
		return new JobSpec(job.path("job").asString(), job.path("task").asString(), job.path("queue").asString(),
				args.isArray() ? (ArrayNode) args : this.mapper.createArrayNode(), job.path("immutable").asBoolean(false),
				millis(job, "delayMs"), millis(job, "expiresInMs"), job.path("idempotencyKey").asString(null),
				job.path("priority").asInt(0), job.path("retryPolicy").asString(null),
				Math.max(1, job.path("taskVersion").asInt(1)));
	}

	private static Duration millis(JsonNode job, String field) {
		return job.has(field) ? Duration.ofMillis(job.path(field).asLong()) : null;
	}

}
