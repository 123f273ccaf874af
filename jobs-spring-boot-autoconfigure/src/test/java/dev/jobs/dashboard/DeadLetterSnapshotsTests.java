package dev.jobs.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.FailureReason;
import dev.jobs.core.port.DeadLetterEntry;
import dev.jobs.core.port.MessageAttributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DeadLetterSnapshotsTests {

	private final AtomicInteger reads = new AtomicInteger();

	private final AtomicReference<List<DeadLetterEntry>> queue = new AtomicReference<>(List.of(entry("1")));

	private DeadLetterSnapshots snapshots;

	@AfterEach
	void close() {
		if (this.snapshots != null) {
			this.snapshots.close();
		}
	}

	@Test
	void theFirstViewStartsAReadWhoseGroupsAreShownOnceItIsIn() {
		this.snapshots = new DeadLetterSnapshots(counted(this.queue::get), Duration.ofMinutes(1));

		DeadLetterSnapshots.Snapshot read = await().atMost(Duration.ofSeconds(5))
			.until(this.snapshots::current, (snapshot) -> !snapshot.pending());

		assertThat(this.reads).hasValue(1);
		assertThat(read.byJobId()).containsOnlyKeys("1");
		assertThat(read.groups()).singleElement().satisfies((group) -> assertThat(group.count()).isEqualTo(1));
	}

	@Test
	void aViewDoesNotWaitForASlowReadAndTheNextViewShowsIt() throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		this.snapshots = new DeadLetterSnapshots(counted(() -> {
			opened(release);
			return this.queue.get();
		}), Duration.ofMinutes(1));

		long start = System.nanoTime();
		DeadLetterSnapshots.Snapshot first = this.snapshots.current();
		long waited = System.nanoTime() - start;
		release.countDown();

		assertThat(first.pending()).isTrue();
		assertThat(Duration.ofNanos(waited)).isLessThan(Duration.ofSeconds(2));
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.snapshots.current().byJobId()).containsOnlyKeys("1"));
		assertThat(this.reads).hasValue(1);
	}

	@Test
	void aRecentReadIsReusedUntilAWriteChangesTheQueue() {
		this.snapshots = new DeadLetterSnapshots(counted(this.queue::get), Duration.ofMinutes(1));
		awaitFirstRead();
		this.queue.set(List.of(entry("1"), entry("2")));

		assertThat(this.snapshots.current().byJobId()).containsOnlyKeys("1");
		this.snapshots.changed();

		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.snapshots.current().byJobId()).containsOnlyKeys("1", "2"));
		assertThat(this.reads).hasValue(2);
	}

	@Test
	void aReadOlderThanTheMaximumAgeIsReplacedOnTheNextView() {
		this.snapshots = new DeadLetterSnapshots(counted(this.queue::get), Duration.ZERO);
		Instant firstRead = awaitFirstRead().readAt();
		this.queue.set(List.of());

		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.snapshots.current().readAt()).isAfter(firstRead));
		assertThat(this.snapshots.current().groups()).isEmpty();
	}

	@Test
	void aFailedReadKeepsThePreviousGroupsAndSaysWhy() {
		AtomicReference<RuntimeException> failure = new AtomicReference<>();
		this.snapshots = new DeadLetterSnapshots(counted(() -> {
			if (failure.get() != null) {
				throw failure.get();
			}
			return this.queue.get();
		}), Duration.ofMinutes(1));
		awaitFirstRead();
		failure.set(new IllegalStateException("RabbitMQ is down"));
		this.snapshots.changed();

		DeadLetterSnapshots.Snapshot read = await().atMost(Duration.ofSeconds(5))
			.until(this.snapshots::current, (snapshot) -> snapshot.error() != null);

		assertThat(read.error()).isEqualTo("RabbitMQ is down");
		assertThat(read.byJobId()).containsOnlyKeys("1");
	}

	private DeadLetterSnapshots.Snapshot awaitFirstRead() {
		return await().atMost(Duration.ofSeconds(5)).until(this.snapshots::current, (snapshot) -> !snapshot.pending());
	}

	private Supplier<List<DeadLetterEntry>> counted(Supplier<List<DeadLetterEntry>> reader) {
		return () -> {
			this.reads.incrementAndGet();
			return reader.get();
		};
	}

	private static void opened(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static DeadLetterEntry entry(String id) {
		return new DeadLetterEntry(id, "send-invoice", "default", null, 3, "IllegalStateException",
				"order " + id + " not found", "java.lang.IllegalStateException: order not found\n\tat com.example.A.b(A.java:1)",
				Instant.ofEpochSecond(10), Instant.ofEpochSecond(11), FailureReason.RETRIES_EXHAUSTED, 0,
				new MessageAttributes(id, null, null, null), 0);
	}

}
