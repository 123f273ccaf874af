package dev.jobs.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.jobs.JobError;
import dev.jobs.JobStatus;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.envelope.JobsJsonMapper;
import dev.jobs.core.port.JobThroughput;
import dev.jobs.core.port.ResultRecord;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The per-minute counters {@code record_results.lua} keeps, read by {@link RedisJobThroughput}
 * against the real Redis: what the dashboard's throughput chart shows. Sums are taken over the
 * whole window, so a minute that turns during the test changes nothing.
 */
class RedisJobThroughputIntegrationTests {

	private final String prefix = "it-throughput:" + UUID.randomUUID() + ":";

	private final RedisKeys keys = new RedisKeys(this.prefix);

	private final List<JobEnvelope> jobs = new ArrayList<>();

	private LettuceConnectionFactory connectionFactory;

	private RedisResultStore store;

	private RedisJobThroughput throughput;

	@BeforeEach
	void createStore() {
		this.connectionFactory = LocalRedis.connect();
		this.store = new RedisResultStore(this.connectionFactory, this.keys, JobsJsonMapper.create(),
				Duration.ofMinutes(5), Duration.ofMinutes(1));
		this.throughput = new RedisJobThroughput(this.connectionFactory, this.keys);
		for (int i = 0; i < 10; i++) {
			this.jobs.add(JobEnvelope.first(UUID.randomUUID().toString(), "count", "default",
					JsonNodeFactory.instance.arrayNode(), Instant.now()));
		}
	}

	@AfterEach
	void closeStore() throws Exception {
		this.store.destroy();
		LocalRedis.deleteKeys(this.connectionFactory, this.prefix);
		this.connectionFactory.destroy();
	}

	@Test
	void countsEnqueuedSucceededAndFailedJobsOnceEach() {
		this.store.pending(this.jobs.subList(0, 9));
		for (JobEnvelope job : this.jobs.subList(0, 6)) {
			this.store.record(succeeded(job));
		}
		// A redelivered copy's record of a job already finished is refused, and counts nothing.
		this.store.record(succeeded(this.jobs.get(0)));
		for (JobEnvelope job : this.jobs.subList(6, 8)) {
			this.store.record(ResultRecord.of(job, "default", JobStatus.FAILURE)
				.finishedAt(Instant.now())
				.error(new JobError("java.io.IOException", "reset")));
		}
		// The worker's record lands before the producer's PENDING one: the job is enqueued once.
		this.store.record(succeeded(this.jobs.get(9)));
		this.store.pending(List.of(this.jobs.get(9)));

		// PENDING records are written off the caller's thread: job 8 has no other.
		List<JobThroughput.Minute> hour = await().atMost(Duration.ofSeconds(10))
			.until(() -> this.throughput.lastMinutes(60),
					(read) -> read.stream().mapToLong(JobThroughput.Minute::enqueued).sum() >= 10);

		assertThat(hour).hasSize(60);
		assertThat(hour.stream().mapToLong(JobThroughput.Minute::enqueued).sum()).isEqualTo(10);
		assertThat(hour.stream().mapToLong(JobThroughput.Minute::succeeded).sum()).isEqualTo(7);
		assertThat(hour.stream().mapToLong(JobThroughput.Minute::failed).sum()).isEqualTo(2);
	}

	@Test
	void minutesAreOldestFirstAndEndWithTheCurrentOne() {
		this.store.pending(this.jobs);

		// The PENDING records are written off the caller's thread.
		List<JobThroughput.Minute> minutes = await().atMost(Duration.ofSeconds(10))
			.until(() -> this.throughput.lastMinutes(3),
					(read) -> read.stream().mapToLong(JobThroughput.Minute::enqueued).sum() == 10);

		assertThat(minutes).hasSize(3);
		assertThat(minutes.get(1).start()).isEqualTo(minutes.get(0).start().plusSeconds(60));
		assertThat(minutes.get(2).start()).isEqualTo(minutes.get(1).start().plusSeconds(60));
		assertThat(minutes.get(2).start()).isBetween(Instant.now().minusSeconds(120), Instant.now());
		assertThat(minutes.stream().mapToLong(JobThroughput.Minute::enqueued).sum()).isEqualTo(10);
		assertThat(minutes.stream().filter(JobThroughput.Minute::active)).isNotEmpty();
	}

	@Test
	void aWindowOfNoMinuteIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.throughput.lastMinutes(0))
			.withMessageContaining("ask for 1 or more");
	}

	private static ResultRecord succeeded(JobEnvelope job) {
		return ResultRecord.of(job, "default", JobStatus.SUCCESS).finishedAt(Instant.now());
	}

}
