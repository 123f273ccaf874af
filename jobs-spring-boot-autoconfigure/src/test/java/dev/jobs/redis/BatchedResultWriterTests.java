package dev.jobs.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.JobStatus;
import dev.jobs.redis.BatchedResultWriter.Write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Records from many threads go out together, each caller returning once its own record is
 * written (or, submitting, learning it from a future that completes in submission order), and
 * learning only of its own record's failure.
 */
class BatchedResultWriterTests {

	private final ExecutorService callers = Executors.newFixedThreadPool(8);

	@AfterEach
	void stopCallers() {
		this.callers.shutdownNow();
	}

	@Test
	void recordsWaitingTogetherGoOutInOneBatchAndEachCallerReturnsOnceItsRecordIsWritten() throws Exception {
		Set<String> written = ConcurrentHashMap.newKeySet();
		List<Integer> batchSizes = new ArrayList<>();
		FirstWriteGate gate = new FirstWriteGate();
		BatchedResultWriter writer = new BatchedResultWriter((batch) -> {
			synchronized (batchSizes) {
				batchSizes.add(batch.size());
			}
			batch.forEach((write) -> written.add(write.jobId()));
		}, (write) -> {
			gate.pass(write);
			written.add(write.jobId());
		});
		Future<?> first = this.callers.submit(() -> writer.write(write("first")));
		gate.awaitHeld();
		List<Future<?>> others = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			String id = "job-" + i;
			others.add(this.callers.submit(() -> {
				writer.write(write(id));
				assertThat(written).contains(id);
			}));
		}
		await().atMost(10, TimeUnit.SECONDS).until(() -> writer.waiting() == 7);

		gate.release();
		first.get(10, TimeUnit.SECONDS);
		for (Future<?> other : others) {
			other.get(10, TimeUnit.SECONDS);
		}

		assertThat(written).hasSize(8);
		assertThat(batchSizes).containsExactly(7);
		writer.close();
	}

	@Test
	void aBatchTheClusterRefusesIsWrittenRecordByRecordAndOnlyTheBadRecordsCallerFails() throws Exception {
		FirstWriteGate gate = new FirstWriteGate();
		AtomicInteger batches = new AtomicInteger();
		BatchedResultWriter writer = new BatchedResultWriter((batch) -> {
			batches.incrementAndGet();
			throw new IllegalStateException("CROSSSLOT Keys in request don't hash to the same slot");
		}, (write) -> {
			gate.pass(write);
			if (write.jobId().equals("bad")) {
				throw new IllegalStateException("bad record refused");
			}
		});
		Future<?> first = this.callers.submit(() -> writer.write(write("first")));
		gate.awaitHeld();
		Future<?> good = this.callers.submit(() -> writer.write(write("good")));
		Future<?> bad = this.callers.submit(() -> writer.write(write("bad")));
		await().atMost(10, TimeUnit.SECONDS).until(() -> writer.waiting() == 2);

		gate.release();

		first.get(10, TimeUnit.SECONDS);
		good.get(10, TimeUnit.SECONDS);
		assertThat(bad).failsWithin(10, TimeUnit.SECONDS)
			.withThrowableThat()
			.havingCause()
			.withMessage("bad record refused");
		assertThat(batches).hasValue(1);
		writer.close();
	}

	@Test
	void aBatchThatFailsForAnyOtherReasonFailsAllItsRecordsWithoutWritingThemOneByOne() throws Exception {
		FirstWriteGate gate = new FirstWriteGate();
		List<String> writtenAlone = new CopyOnWriteArrayList<>();
		IllegalStateException timedOut = new IllegalStateException("Redis command timed out after 1 second(s)");
		BatchedResultWriter writer = new BatchedResultWriter((batch) -> {
			throw timedOut;
		}, (write) -> {
			writtenAlone.add(write.jobId());
			gate.pass(write);
		});
		CompletableFuture<Void> first = writer.submit(write("first"));
		gate.awaitHeld();
		CompletableFuture<Void> second = writer.submit(write("second"));
		CompletableFuture<Void> third = writer.submit(write("third"));

		gate.release();

		first.get(10, TimeUnit.SECONDS);
		assertThat(second).failsWithin(10, TimeUnit.SECONDS).withThrowableThat().havingCause().isSameAs(timedOut);
		assertThat(third).failsWithin(10, TimeUnit.SECONDS).withThrowableThat().havingCause().isSameAs(timedOut);
		assertThat(writtenAlone).containsExactly("first");
		writer.close();
	}

	@Test
	void aBatchPartlyWrittenFailsOnlyTheRecordsOfTheGroupsThatFailed() throws Exception {
		FirstWriteGate gate = new FirstWriteGate();
		IllegalStateException failedOver = new IllegalStateException("Command timed out: master of slot 7 is down");
		BatchedResultWriter writer = new BatchedResultWriter((batch) -> {
			Map<Write, Throwable> failed = new IdentityHashMap<>();
			batch.stream().filter((write) -> write.jobId().startsWith("lost")).forEach((write) -> failed.put(write, failedOver));
			throw new BatchedResultWriter.PartlyWritten(failed);
		}, gate::pass);
		CompletableFuture<Void> first = writer.submit(write("first"));
		gate.awaitHeld();
		CompletableFuture<Void> kept = writer.submit(write("kept"));
		CompletableFuture<Void> lost = writer.submit(write("lost-1"));
		CompletableFuture<Void> alsoKept = writer.submit(write("kept-2"));

		gate.release();

		first.get(10, TimeUnit.SECONDS);
		kept.get(10, TimeUnit.SECONDS);
		alsoKept.get(10, TimeUnit.SECONDS);
		assertThat(lost).failsWithin(10, TimeUnit.SECONDS).withThrowableThat().havingCause().isSameAs(failedOver);
		writer.close();
	}

	@Test
	void submitReturnsBeforeTheRecordIsWrittenAndRecordsCompleteInTheOrderSubmitted() throws Exception {
		FirstWriteGate gate = new FirstWriteGate();
		List<String> completed = new CopyOnWriteArrayList<>();
		BatchedResultWriter writer = new BatchedResultWriter((batch) -> batch.forEach(gate::pass), gate::pass);
		List<CompletableFuture<Void>> submitted = new ArrayList<>();
		for (String id : List.of("first", "second", "third", "fourth")) {
			CompletableFuture<Void> done = writer.submit(write(id));
			done.thenRun(() -> completed.add(id));
			submitted.add(done);
		}
		gate.awaitHeld();
		assertThat(submitted).noneMatch(CompletableFuture::isDone);

		gate.release();

		CompletableFuture.allOf(submitted.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
		assertThat(completed).containsExactly("first", "second", "third", "fourth");
		writer.close();
	}

	@Test
	void afterCloseARecordIsWrittenOnTheCallersThread() {
		List<String> threads = new ArrayList<>();
		BatchedResultWriter writer = new BatchedResultWriter((batch) -> {
		}, (write) -> threads.add(Thread.currentThread().getName()));
		writer.close();

		writer.write(write("late"));

		assertThat(threads).containsExactly(Thread.currentThread().getName());
	}

	@Test
	void aWriteFailureReachesTheCaller() {
		BatchedResultWriter writer = new BatchedResultWriter((batch) -> {
		}, (write) -> {
			throw new IllegalStateException("Redis is down");
		});

		assertThatIllegalStateException().isThrownBy(() -> writer.write(write("job"))).withMessage("Redis is down");
		writer.close();
	}

	private static Write write(String id) {
		return new Write(id, "result:" + id, "{}".getBytes(StandardCharsets.UTF_8), 1, JobStatus.SUCCESS, "", "task",
				0L);
	}

	/**
	 * Holds the write of the record {@code first} until released, so that the records submitted
	 * meanwhile gather behind it.
	 */
	private static final class FirstWriteGate {

		private final CountDownLatch held = new CountDownLatch(1);

		private final CountDownLatch released = new CountDownLatch(1);

		/** Called by a write: returns at once, except for {@code first}, which waits for release. */
		void pass(Write write) {
			if (!write.jobId().equals("first")) {
				return;
			}
			this.held.countDown();
			try {
				this.released.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		void awaitHeld() throws InterruptedException {
			assertThat(this.held.await(10, TimeUnit.SECONDS)).isTrue();
		}

		void release() {
			this.released.countDown();
		}

	}

}
