package dev.jobs.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.JobStatus;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.port.ResultRecord;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When a job's {@code STARTED} record is written, on a ticker the test moves by hand. The writer
 * thread runs on the same ticker, so it can write a record only once the test has moved the
 * ticker past {@code started-after}; each test calls {@link StartedRecords#writeDue()} itself
 * where it needs a pass at a given time.
 */
class StartedRecordsTests {

	private static final Duration STARTED_AFTER = Duration.ofMillis(200);

	private final AtomicLong nanos = new AtomicLong();

	private final Queue<String> written = new ConcurrentLinkedQueue<>();

	private StartedRecords records;

	@AfterEach
	void close() {
		if (this.records != null) {
			this.records.close();
		}
	}

	@Test
	void jobThatFinishesBeforeStartedAfterNeverGetsAStartedRecord() {
		this.records = recording(STARTED_AFTER);

		this.records.started(started("job-1"));
		advance(Duration.ofMillis(150));
		this.records.writeDue();
		this.records.superseded("job-1");
		advance(Duration.ofSeconds(10));
		this.records.writeDue();

		assertThat(this.written).isEmpty();
	}

	@Test
	void jobStillRunningAtStartedAfterGetsItsRecordOnce() {
		this.records = recording(STARTED_AFTER);

		this.records.started(started("job-1"));
		advance(STARTED_AFTER.minusNanos(1));
		this.records.writeDue();
		assertThat(this.written).isEmpty();

		advance(Duration.ofNanos(1));
		this.records.writeDue();
		assertThat(this.written).containsExactly("job-1");

		advance(Duration.ofSeconds(10));
		this.records.writeDue();
		this.records.superseded("job-1");
		assertThat(this.written).containsExactly("job-1");
	}

	@Test
	void onlyTheJobsRunningLongEnoughAreWritten() {
		this.records = recording(STARTED_AFTER);

		this.records.started(started("early"));
		advance(Duration.ofMillis(100));
		this.records.started(started("late"));
		advance(Duration.ofMillis(100));
		this.records.writeDue();

		assertThat(this.written).containsExactly("early");
	}

	@Test
	void writerThreadWritesDueRecordsOnItsOwn() {
		this.records = recording(STARTED_AFTER);

		this.records.started(started("job-1"));
		advance(STARTED_AFTER);

		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(this.written).containsExactly("job-1"));
	}

	@Test
	void withZeroStartedAfterTheRecordIsWrittenWithoutTheTickerMoving() {
		this.records = recording(Duration.ZERO);

		this.records.started(started("job-1"));

		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(this.written).containsExactly("job-1"));
	}

	@Test
	void laterRecordWaitsForAStartedWriteUnderWaySoThatItLandsLast() throws Exception {
		CountDownLatch writing = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		List<String> redis = new CopyOnWriteArrayList<>();
		this.records = new StartedRecords(Duration.ZERO, this.nanos::get, (record) -> {
			writing.countDown();
			awaitLatch(release);
			redis.add("STARTED");
		});
		this.records.started(started("job-1"));
		assertThat(writing.await(5, TimeUnit.SECONDS)).isTrue();

		AtomicReference<Thread> worker = new AtomicReference<>();
		CompletableFuture<Void> finished = CompletableFuture.runAsync(() -> {
			worker.set(Thread.currentThread());
			this.records.superseded("job-1");
			redis.add("SUCCESS");
		});
		await().atMost(Duration.ofSeconds(5))
			.until(() -> worker.get() != null && worker.get().getState() == Thread.State.WAITING);
		assertThat(finished).isNotDone();
		release.countDown();

		assertThat(finished).succeedsWithin(Duration.ofSeconds(5));
		assertThat(redis).containsExactly("STARTED", "SUCCESS");
	}

	@Test
	void failedWriteIsDroppedAndTheWriterGoesOn() {
		this.records = new StartedRecords(STARTED_AFTER, this.nanos::get, (record) -> {
			if (record.id().equals("unlucky")) {
				throw new IllegalStateException("Redis unreachable");
			}
			this.written.add(record.id());
		});
		this.records.started(started("unlucky"));
		this.records.started(started("lucky"));
		advance(STARTED_AFTER);

		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(this.written).containsExactly("lucky"));
		advance(Duration.ofSeconds(10));
		this.records.writeDue();
		assertThat(this.written).containsExactly("lucky");
	}

	@Test
	void beyondCapacityJobsGetNoStartedRecord() {
		this.records = recording(STARTED_AFTER);

		for (int i = 0; i <= StartedRecords.CAPACITY; i++) {
			this.records.started(started("job-" + i));
		}
		advance(STARTED_AFTER);
		this.records.writeDue();

		assertThat(this.written).hasSize(StartedRecords.CAPACITY).doesNotContain("job-" + StartedRecords.CAPACITY);
	}

	@Test
	void closeStopsTheWriterThreadAndDropsWhatIsNotWritten() {
		this.records = recording(STARTED_AFTER);
		this.records.started(started("job-1"));
		assertThat(this.records.isWriting()).isTrue();

		this.records.close();

		await().atMost(Duration.ofSeconds(5)).until(() -> !this.records.isWriting());
		advance(STARTED_AFTER);
		this.records.writeDue();
		this.records.started(started("job-2"));
		advance(STARTED_AFTER);
		this.records.writeDue();
		assertThat(this.written).isEmpty();
	}

	private StartedRecords recording(Duration startedAfter) {
		Consumer<ResultRecord> write = (record) -> this.written.add(record.id());
		return new StartedRecords(startedAfter, this.nanos::get, write);
	}

	private void advance(Duration duration) {
		this.nanos.addAndGet(duration.toNanos());
	}

	private static ResultRecord started(String id) {
		Instant now = Instant.parse("2026-11-27T20:15:30Z");
		JobEnvelope job = JobEnvelope.first(id, "reports.daily", "reports", JsonNodeFactory.instance.arrayNode(), now);
		return ResultRecord.of(job, job.queue(), JobStatus.STARTED).startedAt(now);
	}

	private static void awaitLatch(CountDownLatch latch) {
		try {
			assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
