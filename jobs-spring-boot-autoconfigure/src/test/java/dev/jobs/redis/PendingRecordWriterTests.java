package dev.jobs.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.envelope.JobIds;
import dev.jobs.core.envelope.JobsJsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Jobs handed over one at a time within the linger go out in one batch; a full batch goes at
 * once; beyond the bound jobs are dropped without blocking; a batch the cluster refuses goes again
 * job by job, and a failed batch does not stop the writer.
 */
class PendingRecordWriterTests {

	private final List<List<String>> batches = new CopyOnWriteArrayList<>();

	@Test
	void jobsHandedOverWithinTheLingerGoOutInOneBatch() {
		try (PendingRecordWriter writer = new PendingRecordWriter(this::record, Duration.ofSeconds(2), 100)) {
			writer.offer(List.of(job("a")));
			writer.offer(List.of(job("b")));
			writer.offer(List.of(job("c")));

			await().atMost(10, TimeUnit.SECONDS).until(() -> !this.batches.isEmpty());
			assertThat(this.batches).containsExactly(List.of("a", "b", "c"));
		}
	}

	@Test
	void aFullBatchGoesWithoutWaitingOutTheLinger() {
		try (PendingRecordWriter writer = new PendingRecordWriter(this::record, Duration.ofMinutes(10), 1_000)) {
			writer.offer(jobs(BatchedResultWriter.MAX_BATCH + 1));

			await().atMost(10, TimeUnit.SECONDS).until(() -> !this.batches.isEmpty());
			assertThat(this.batches.get(0)).hasSize(BatchedResultWriter.MAX_BATCH);
		}
	}

	@Test
	void jobsBeyondTheBoundAreDroppedAndCounted() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		PendingRecordWriter writer = writerHeldInItsFirstBatch(release, 3);

		assertThat(writer.offer(jobs(5))).isEqualTo(2);
		assertThat(writer.waiting()).isEqualTo(3);
		release.countDown();
		await().atMost(10, TimeUnit.SECONDS)
			.until(() -> this.batches.stream().mapToInt(List::size).sum() == 4);
		writer.close();
	}

	@Test
	void aBatchTheClusterRefusesGoesAgainJobByJobAndAFailureDoesNotStopTheWriter() {
		try (PendingRecordWriter writer = new PendingRecordWriter((batch) -> {
			if (batch.size() > 1) {
				throw new IllegalStateException("CROSSSLOT Keys in request don't hash to the same slot");
			}
			if (batch.get(0).task().equals("broken")) {
				throw new IllegalStateException("ERR something else");
			}
			record(batch);
		}, Duration.ofSeconds(1), 100)) {
			writer.offer(List.of(job("a"), job("broken"), job("b")));
			await().atMost(10, TimeUnit.SECONDS).until(() -> this.batches.size() == 2);
			writer.offer(List.of(job("c")));

			await().atMost(10, TimeUnit.SECONDS).until(() -> this.batches.size() == 3);
			assertThat(this.batches).containsExactly(List.of("a"), List.of("b"), List.of("c"));
		}
	}

	@Test
	void closingWritesWhatWaitsAndDropsWhatComesAfter() {
		CountDownLatch release = new CountDownLatch(1);
		PendingRecordWriter writer = writerHeldInItsFirstBatch(release, 100);
		writer.offer(List.of(job("waiting")));
		writer.close();
		release.countDown();

		assertThat(writer.offer(List.of(job("late")))).isEqualTo(1);
		await().atMost(10, TimeUnit.SECONDS).until(() -> this.batches.size() == 2);
		assertThat(this.batches).containsExactly(List.of("held"), List.of("waiting"));
	}

	/** A writer whose first batch, of one job, waits for {@code release} on the writer thread. */
	private PendingRecordWriter writerHeldInItsFirstBatch(CountDownLatch release, int maxWaiting) {
		CountDownLatch held = new CountDownLatch(1);
		PendingRecordWriter writer = new PendingRecordWriter((batch) -> {
			held.countDown();
			pass(release);
			record(batch);
		}, Duration.ZERO, maxWaiting);
		writer.offer(List.of(job("held")));
		pass(held);
		return writer;
	}

	private void record(List<JobEnvelope> batch) {
		this.batches.add(batch.stream().map(JobEnvelope::task).toList());
	}

	private static void pass(CountDownLatch latch) {
		try {
			assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static List<JobEnvelope> jobs(int count) {
		return IntStream.range(0, count).mapToObj((n) -> job("job-" + n)).toList();
	}

	private static JobEnvelope job(String task) {
		return JobEnvelope.first(JobIds.next(), task, "default", JobsJsonMapper.create().createArrayNode(),
				Instant.now());
	}

}
