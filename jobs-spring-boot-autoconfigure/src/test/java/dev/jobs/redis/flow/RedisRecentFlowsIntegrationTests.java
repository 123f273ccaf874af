package dev.jobs.redis.flow;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.jobs.core.envelope.JobsJsonMapper;
import dev.jobs.core.port.RecentFlows;
import dev.jobs.redis.LocalRedis;
import dev.jobs.redis.RedisKeys;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workflows and batches the dashboard lists, against the real Redis: the stores index what
 * they start, and {@link RedisRecentFlows} lists it newest first with its progress.
 */
class RedisRecentFlowsIntegrationTests {

	private static final Duration TTL = Duration.ofMinutes(5);

	private final String prefix = "it-recent-flows:" + UUID.randomUUID() + ":";

	private final RedisKeys keys = new RedisKeys(this.prefix);

	private LettuceConnectionFactory connectionFactory;

	private StringRedisTemplate redis;

	private RedisFlowStore flows;

	private RedisBatchStore batches;

	private RedisRecentFlows recent;

	@BeforeEach
	void createStores() {
		this.connectionFactory = LocalRedis.connect();
		this.redis = new StringRedisTemplate(this.connectionFactory);
		this.flows = new RedisFlowStore(this.connectionFactory, this.keys, JobsJsonMapper.create());
		this.batches = new RedisBatchStore(this.connectionFactory, this.keys);
		this.recent = new RedisRecentFlows(this.connectionFactory, this.keys, this.flows, this.batches);
	}

	@AfterEach
	void deleteKeys() {
		LocalRedis.deleteKeys(this.connectionFactory, this.prefix);
		this.connectionFactory.destroy();
	}

	@Test
	void listsTheWorkflowsStartedNewestFirstWithTheirProgress() {
		this.flows.start("wf-1", "{}", 3, TTL);
		this.flows.start("wf-2", "{}", 2, TTL);
		this.flows.stepFailed("wf-2", 0, "{\"error\":\"no stock\"}", TTL);

		List<RecentFlows.Workflow> listed = this.recent.workflows(10);

		assertThat(listed).extracting(RecentFlows.Workflow::id).containsExactly("wf-2", "wf-1");
		assertThat(listed.get(0).state().status()).isEqualTo("FAILURE");
		assertThat(listed.get(0).state().failure()).contains("no stock");
		assertThat(listed.get(1).state().status()).isEqualTo("RUNNING");
		assertThat(listed.get(1).state().total()).isEqualTo(3);
		assertThat(listed.get(1).startedAt()).isNotNull();
		assertThat(this.recent.workflows(1)).extracting(RecentFlows.Workflow::id).containsExactly("wf-2");
	}

	@Test
	void listsTheBatchesCreatedWithTheirMembersCounts() {
		this.batches.create("batch-1", "{}", List.of("a", "b", "c"), TTL);
		this.batches.ended("batch-1", "a", true, TTL);
		this.batches.ended("batch-1", "b", false, TTL);

		assertThat(this.recent.batches(10)).singleElement().satisfies((batch) -> {
			assertThat(batch.id()).isEqualTo("batch-1");
			assertThat(batch.counts().total()).isEqualTo(3);
			assertThat(batch.counts().succeeded()).isEqualTo(1);
			assertThat(batch.counts().failed()).isEqualTo(1);
			assertThat(batch.counts().pending()).isEqualTo(1);
		});
	}

	@Test
	void aWorkflowWhoseStateExpiredIsLeftOutAndTakenOutOfTheIndex() {
		this.flows.start("wf-gone", "{}", 1, TTL);
		this.flows.start("wf-kept", "{}", 1, TTL);
		this.redis.delete(this.keys.workflow("wf-gone"));

		assertThat(this.recent.workflows(10)).extracting(RecentFlows.Workflow::id).containsExactly("wf-kept");
		assertThat(this.redis.opsForZSet().range(RedisRecentFlows.workflowIndex(this.keys), 0, -1))
			.containsExactly("wf-kept");
	}

}
