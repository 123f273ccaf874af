package dev.jobs.redis;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.jobs.JobError;
import dev.jobs.JobStatus;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.envelope.JobsJsonMapper;
import dev.jobs.core.port.JobSearch;
import dev.jobs.core.port.ResultRecord;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The search indexes that {@code record_results.lua} keeps beside the records, read by
 * {@link RedisJobSearch} against the real Redis: by status and task, newest first, page after
 * page, and following a job from one status's index to the next.
 */
class RedisJobSearchIntegrationTests {

	private final String prefix = "it-search:" + UUID.randomUUID() + ":";

	private final RedisKeys keys = new RedisKeys(this.prefix);

	private final Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);

	private final List<JobEnvelope> jobs = new ArrayList<>();

	private LettuceConnectionFactory connectionFactory;

	private RedisResultStore store;

	private RedisJobSearch search;

	@BeforeEach
	void createStore() {
		this.connectionFactory = LocalRedis.connect();
		this.store = new RedisResultStore(this.connectionFactory, this.keys, JobsJsonMapper.create(),
				Duration.ofMinutes(5), Duration.ofMinutes(1));
		this.search = new RedisJobSearch(this.connectionFactory, this.keys, JobsJsonMapper.create());
		for (int i = 0; i < 30; i++) {
			// Three jobs a millisecond, so that a page boundary falls between jobs of one score.
			this.jobs.add(JobEnvelope.first(UUID.randomUUID().toString(), (i % 2 == 0) ? "even" : "odd", "default",
					JsonNodeFactory.instance.arrayNode(), this.start.plusMillis(i / 3)));
		}
		this.store.pending(this.jobs);
		await().atMost(Duration.ofSeconds(10)).until(() -> all(JobStatus.PENDING, null, 50).size() == 30);
	}

	@AfterEach
	void closeStore() throws Exception {
		this.store.destroy();
		StringRedisTemplate redis = new StringRedisTemplate(this.connectionFactory);
		Set<String> keys = new HashSet<>();
		this.jobs.forEach((job) -> keys.add(this.keys.result(job.id())));
		for (String index : List.of("all", "task:even", "task:odd", "status:PENDING", "status:FAILURE",
				"status:SUCCESS")) {
			keys.add(this.keys.index(index));
		}
		redis.delete(keys);
		this.connectionFactory.destroy();
	}

	@Test
	void pagesOfEveryJobAreNewestFirstWithoutGapsOrRepeats() {
		List<String> read = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			JobSearch.Page page = this.search.search(new JobSearch.Query(null, null, null, null, null, cursor, 4));
			page.records().forEach((record) -> read.add(record.id()));
			cursor = page.next();
			pages++;
		}
		while (cursor != null && pages < 20);

		List<ResultRecord> expected = new ArrayList<>();
		this.jobs.forEach((job) -> expected.add(ResultRecord.of(job, "default", JobStatus.PENDING)));
		assertThat(read).hasSize(30).doesNotHaveDuplicates();
		assertThat(pages).isEqualTo(8);
		List<Instant> times = read.stream()
			.map((id) -> this.jobs.stream().filter((job) -> job.id().equals(id)).findFirst().orElseThrow().enqueuedAt())
			.toList();
		assertThat(times).isSortedAccordingTo((a, b) -> b.compareTo(a));
	}

	@Test
	void aFailedJobMovesFromThePendingIndexToTheFailureIndex() {
		JobEnvelope failed = this.jobs.get(4);
		this.store.record(ResultRecord.of(failed, "default", JobStatus.FAILURE)
			.finishedAt(Instant.now())
			.error(new JobError("java.io.IOException", "reset")));

		assertThat(all(JobStatus.FAILURE, null, 50)).extracting(ResultRecord::id).containsExactly(failed.id());
		assertThat(all(JobStatus.PENDING, null, 50)).hasSize(29).extracting(ResultRecord::id).doesNotContain(failed.id());
		assertThat(all(JobStatus.FAILURE, "odd", 50)).isEmpty();
		assertThat(all(JobStatus.FAILURE, "even", 50)).hasSize(1);
	}

	@Test
	void aTaskSearchFindsOnlyThatTasksJobs() {
		assertThat(all(null, "odd", 50)).hasSize(15).allSatisfy((record) -> assertThat(record.task()).isEqualTo("odd"));
	}

	@Test
	void aTimeRangeKeepsOnlyJobsEnqueuedInIt() {
		List<ResultRecord> found = this.search
			.search(new JobSearch.Query(null, null, null, this.start.plusMillis(3), this.start.plusMillis(1), null, 50))
			.records();

		// Enqueued at +1 ms and +2 ms: jobs 3 to 8.
		assertThat(found).extracting(ResultRecord::id)
			.containsExactlyInAnyOrderElementsOf(this.jobs.subList(3, 9).stream().map(JobEnvelope::id).toList());
	}

	private List<ResultRecord> all(JobStatus status, String task, int size) {
		return this.search.search(new JobSearch.Query(status, task, null, null, null, null, size)).records();
	}

}
