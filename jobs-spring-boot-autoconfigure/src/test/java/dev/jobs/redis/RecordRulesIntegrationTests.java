package dev.jobs.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.jobs.JobError;
import dev.jobs.JobStatus;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.envelope.JobsJsonMapper;
import dev.jobs.core.port.ResultRecord;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The rule of {@code record_results.lua} against the real Redis, replaying the races it guards
 * against in the order they happen: a redelivered copy of a finished job, the producer's
 * {@code PENDING} record landing after the worker's, and the late records of a run that a
 * replay from the dead-letter queue has replaced.
 */
class RecordRulesIntegrationTests {

	private final String prefix = "it-rules:" + UUID.randomUUID() + ":";

	private final String jobId = UUID.randomUUID().toString();

	private final Instant enqueued = Instant.parse("2026-12-01T10:00:00Z");

	private LettuceConnectionFactory connectionFactory;

	private RedisResultStore store;

	@BeforeEach
	void createStore() {
		this.connectionFactory = LocalRedis.connect();
		this.store = new RedisResultStore(this.connectionFactory, new RedisKeys(this.prefix), JobsJsonMapper.create(),
				Duration.ofMinutes(5), Duration.ofMinutes(1));
	}

	@AfterEach
	void closeStore() throws Exception {
		this.store.destroy();
		new StringRedisTemplate(this.connectionFactory).delete(new RedisKeys(this.prefix).result(this.jobId));
		this.connectionFactory.destroy();
	}

	@Test
	void redeliveredCopyOfAFinishedJobCannotTakeItsStatusBack() {
		this.store.record(record(JobStatus.STARTED, 1));
		this.store.record(record(JobStatus.SUCCESS, 1).result(IntNode.valueOf(42)));

		// The worker died before its ack: the broker redelivers, another worker starts the job,
		// fails, schedules a retry, and finally gives up, all writing records of the same run.
		this.store.record(record(JobStatus.STARTED, 1));
		this.store.record(record(JobStatus.RETRYING, 1).error(new JobError("java.io.IOException", "reset")));
		this.store.record(record(JobStatus.FAILURE, 1).error(new JobError("java.io.IOException", "reset")));
		this.store.record(record(JobStatus.PENDING, 1));

		assertThat(stored()).satisfies((record) -> {
			assertThat(record.status()).isEqualTo(JobStatus.SUCCESS);
			assertThat(record.result()).isEqualTo(IntNode.valueOf(42));
		});
	}

	@Test
	void everyTerminalStatusIsFinalForItsRun() {
		for (JobStatus terminal : List.of(JobStatus.SUCCESS, JobStatus.FAILURE, JobStatus.EXPIRED)) {
			this.store.record(record(JobStatus.PENDING, 1));
			this.store.record(record(terminal, 1));
			for (JobStatus later : List.of(JobStatus.PENDING, JobStatus.STARTED, JobStatus.RETRYING, JobStatus.SUCCESS,
					JobStatus.FAILURE, JobStatus.EXPIRED)) {
				this.store.record(record(later, 1));
			}
			assertThat(stored().status()).as("after %s", terminal).isEqualTo(terminal);
			new StringRedisTemplate(this.connectionFactory).delete(new RedisKeys(this.prefix).result(this.jobId));
		}
	}

	@Test
	void pendingRecordLandingAfterTheWorkersFirstRecordIsRefused() {
		this.store.record(record(JobStatus.STARTED, 1));
		this.store.record(record(JobStatus.PENDING, 1));

		assertThat(stored().status()).isEqualTo(JobStatus.STARTED);
	}

	@Test
	void pendingRecordIsStoredWhereThereIsNone() {
		this.store.record(record(JobStatus.PENDING, 1));

		assertThat(stored().status()).isEqualTo(JobStatus.PENDING);
		assertThat(stored().run()).isEqualTo(1);
	}

	@Test
	void replayStartsANewRunThatTheOldRunsLateRecordsCannotReplace() {
		this.store.record(record(JobStatus.FAILURE, 1));

		this.store.record(record(JobStatus.PENDING, 2));
		assertThat(stored()).extracting(ResultRecord::status, ResultRecord::run).containsExactly(JobStatus.PENDING, 2);

		this.store.record(record(JobStatus.STARTED, 1));
		this.store.record(record(JobStatus.RETRYING, 1));
		this.store.record(record(JobStatus.FAILURE, 1));
		assertThat(stored()).extracting(ResultRecord::status, ResultRecord::run).containsExactly(JobStatus.PENDING, 2);

		this.store.record(record(JobStatus.SUCCESS, 2));
		assertThat(stored()).extracting(ResultRecord::status, ResultRecord::run).containsExactly(JobStatus.SUCCESS, 2);
	}

	@Test
	void producersPendingRecordFollowsTheSameRules() {
		this.store.record(record(JobStatus.STARTED, 1));
		this.store.pending(List.of(job(1)));
		this.store.record(record(JobStatus.FAILURE, 1));
		this.store.pending(List.of(job(2)));

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(stored()).extracting(ResultRecord::status, ResultRecord::run)
				.containsExactly(JobStatus.PENDING, 2));
		this.store.pending(List.of(job(1)));
		this.store.record(record(JobStatus.SUCCESS, 2));
		assertThat(stored()).extracting(ResultRecord::status, ResultRecord::run).containsExactly(JobStatus.SUCCESS, 2);
	}

	@Test
	void workerRecordOfANewRunReplacesTheOldRunsEndWhenItsPendingRecordWasLost() {
		this.store.record(record(JobStatus.FAILURE, 1));

		this.store.record(record(JobStatus.STARTED, 2));

		assertThat(stored()).extracting(ResultRecord::status, ResultRecord::run).containsExactly(JobStatus.STARTED, 2);
	}

	@Test
	void recordWrittenBeforeRunsWereCountedIsOfRunOne() {
		StringRedisTemplate redis = new StringRedisTemplate(this.connectionFactory);
		redis.opsForValue()
			.set(new RedisKeys(this.prefix).result(this.jobId), "{\"v\":1,\"id\":\"" + this.jobId + "\",\"task\":\"t\","
					+ "\"queue\":\"q\",\"status\":\"FAILURE\",\"attempts\":1,\"enqueuedAt\":\"2026-12-01T10:00:00Z\","
					+ "\"result\":{\"run\":7,\"status\":\"PENDING\"}}");

		this.store.record(record(JobStatus.STARTED, 1));
		assertThat(stored().status()).isEqualTo(JobStatus.FAILURE);

		this.store.record(record(JobStatus.PENDING, 2));
		assertThat(stored()).extracting(ResultRecord::status, ResultRecord::run).containsExactly(JobStatus.PENDING, 2);
	}

	@Test
	void refusedTerminalRecordIsNotAnnounced() {
		this.store.record(record(JobStatus.PENDING, 2));
		CompletableFuture<Optional<ResultRecord>> waiter = CompletableFuture
			.supplyAsync(() -> this.store.awaitTerminal(this.jobId, Duration.ofSeconds(3)));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> Subscribers.of(this.connectionFactory, new RedisKeys(this.prefix).done(this.jobId)) > 0);

		this.store.record(record(JobStatus.FAILURE, 1));

		assertThat(waiter.join()).isEmpty();
		assertThat(stored().status()).isEqualTo(JobStatus.PENDING);
	}

	private ResultRecord stored() {
		return this.store.find(this.jobId).orElseThrow();
	}

	private JobEnvelope job(int run) {
		return new JobEnvelope(this.jobId, "rules.task", "rules", JsonNodeFactory.instance.arrayNode(), 1,
				this.enqueued, null, run - 1, null, null, null);
	}

	private ResultRecord record(JobStatus status, int run) {
		JobEnvelope job = job(run);
		ResultRecord record = ResultRecord.of(job, job.queue(), status);
		return status.isTerminal() ? record.finishedAt(this.enqueued.plusSeconds(1)) : record;
	}

}
