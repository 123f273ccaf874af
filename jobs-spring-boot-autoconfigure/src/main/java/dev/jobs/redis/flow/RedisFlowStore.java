package dev.jobs.redis.flow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.jobs.core.port.FlowStore;
import dev.jobs.redis.RedisKeys;
import dev.jobs.redis.RedisScripts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Workflow state in Redis: one hash per workflow, {@code <prefix>workflow:<id>}, so that every
 * change is one Lua script on one key, in one slot of a Redis Cluster ({@code docs/protocol.md}).
 */
public final class RedisFlowStore implements FlowStore {

	private static final RedisScript<Long> START = RedisScripts.load("workflow_start.lua", Long.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> SUCCEEDED = RedisScripts.load("workflow_step_succeeded.lua", List.class);

	private static final RedisScript<String> FAILED = RedisScripts.load("workflow_step_failed.lua", String.class);

	private static final RedisScript<String> DEADLINE = RedisScripts.load("workflow_deadline.lua", String.class);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final JsonMapper mapper;

	/**
	 * Creates the store.
	 * @param connectionFactory the connection to Redis
	 * @param keys the key builder
	 * @param mapper the JSON mapper
	 */
	public RedisFlowStore(RedisConnectionFactory connectionFactory, RedisKeys keys, JsonMapper mapper) {
		this.redis = new StringRedisTemplate(connectionFactory);
		this.keys = keys;
		this.mapper = mapper;
	}

	@Override
	public boolean start(String workflowId, String plan, int steps, Duration ttl) {
		boolean started = RedisScripts.isDone(this.redis.execute(START, List.of(this.keys.workflow(workflowId)), plan,
				Integer.toString(steps), RedisScripts.millis(ttl)));
		if (started) {
			RedisRecentFlows.add(this.redis, RedisRecentFlows.workflowIndex(this.keys), workflowId);
		}
		return started;
	}

	@Override
	public String plan(String workflowId) {
		Object plan = this.redis.opsForHash().get(this.keys.workflow(workflowId), "plan");
		return (plan != null) ? plan.toString() : null;
	}

	@Override
	public StepSucceeded stepSucceeded(String workflowId, int step, JsonNode result, List<int[]> joins, int root,
			boolean revive, Duration ttl) {
		byte[][] encoded = new byte[6 + 2 * joins.size()][];
		encoded[0] = RedisScripts.utf8(this.keys.workflow(workflowId));
		encoded[1] = RedisScripts.utf8(Integer.toString(step));
		encoded[2] = this.mapper.writeValueAsBytes(result);
		encoded[3] = RedisScripts.utf8(RedisScripts.millis(ttl));
		encoded[4] = RedisScripts.utf8(Integer.toString(root));
		encoded[5] = RedisScripts.utf8(revive ? "1" : "0");
		for (int i = 0; i < joins.size(); i++) {
			encoded[6 + 2 * i] = RedisScripts.utf8(Integer.toString(joins.get(i)[0]));
			encoded[7 + 2 * i] = RedisScripts.utf8(Integer.toString(joins.get(i)[1]));
		}
		// Straight to the connection: this runs once per workflow step, on the worker's path.
		List<String> reply = RedisScripts.runForList(this.redis, SUCCEEDED, 1, encoded);
		String verdict = reply.get(0);
		if ("GONE".equals(verdict)) {
			return new StepSucceeded(true, false, 0, List.of());
		}
		int run = Integer.parseInt(reply.get(1));
		List<Integer> ready = new ArrayList<>();
		for (int i = 2; i < reply.size(); i++) {
			ready.add(Integer.parseInt(reply.get(i)));
		}
		return new StepSucceeded(false, "FAILED".equals(verdict), run, ready);
	}

	@Override
	public FailedBy stepFailed(String workflowId, int step, String failure, Duration ttl) {
		return FailedBy.valueOf(this.redis.execute(FAILED, List.of(this.keys.workflow(workflowId)),
				Integer.toString(step), failure, RedisScripts.millis(ttl)));
	}

	@Override
	public DeadlineCheck deadline(String workflowId, int header, int required, boolean partial, String failure,
			Duration ttl) {
		return DeadlineCheck.valueOf(this.redis.execute(DEADLINE, List.of(this.keys.workflow(workflowId)),
				Integer.toString(header), Integer.toString(required), partial ? "1" : "0", failure,
				RedisScripts.millis(ttl)));
	}

	@Override
	public Map<Integer, JsonNode> results(String workflowId, List<Integer> steps) {
		List<Object> fields = new ArrayList<>(steps.size());
		steps.forEach((step) -> fields.add("r:" + step));
		List<Object> values = this.redis.opsForHash().multiGet(this.keys.workflow(workflowId), fields);
		Map<Integer, JsonNode> results = new HashMap<>();
		for (int i = 0; i < steps.size(); i++) {
			Object value = values.get(i);
			if (value != null) {
				results.put(steps.get(i), this.mapper.readTree(value.toString()));
			}
		}
		return results;
	}

	@Override
	public FlowState state(String workflowId) {
		List<Object> values = this.redis.opsForHash()
			.multiGet(this.keys.workflow(workflowId), List.of("status", "done", "total", "failure", "run"));
		if (values.get(0) == null) {
			return null;
		}
		return new FlowState(values.get(0).toString(), number(values.get(1)), number(values.get(2)),
				(values.get(3) != null) ? values.get(3).toString() : null, (int) Math.max(1, number(values.get(4))));
	}

	private static long number(Object value) {
		return (value != null) ? Long.parseLong(value.toString()) : 0;
	}

}
