package dev.jobs.core.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.JobsUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a caller of {@code enqueueAsync} sees of its confirm: the value once it comes, the
 * broker's error if it fails, a timeout if it never comes, and never a timeout for a confirm
 * that came.
 */
class AsyncConfirmsTests {

	private static final Duration TIMEOUT = Duration.ofMillis(300);

	private final AsyncConfirms confirms = new AsyncConfirms(TIMEOUT);

	@AfterEach
	void close() {
		this.confirms.close();
	}

	@Test
	void completesWithTheValueOnTheStartersThreadOnceConfirmed() throws Exception {
		CompletableFuture<Void> confirm = new CompletableFuture<>();
		AtomicReference<String> thread = new AtomicReference<>();
		CompletableFuture<String> result = this.confirms.whenConfirmed(confirm, () -> "Job 1", () -> {
			thread.set(Thread.currentThread().getName());
			return "handle";
		});

		confirm.complete(null);

		assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("handle");
		assertThat(thread.get()).isEqualTo("jobs-enqueue-callbacks");
	}

	@Test
	void failsWithTheTimeoutWhenNoConfirmComesAndLaterJobsStillComplete() {
		CompletableFuture<String> unconfirmed = this.confirms.whenConfirmed(new CompletableFuture<>(),
				() -> "Job 1 (task 'stuck')", () -> "never");
		CompletableFuture<Void> laterConfirm = new CompletableFuture<>();
		CompletableFuture<String> later = this.confirms.whenConfirmed(laterConfirm, () -> "Job 2", () -> "second");
		laterConfirm.complete(null);

		await().atMost(Duration.ofSeconds(5)).until(unconfirmed::isDone);

		assertThat(unconfirmed).failsWithin(Duration.ZERO)
			.withThrowableOfType(ExecutionException.class)
			.havingCause()
			.isInstanceOf(JobsUnavailableException.class)
			.withMessageContaining("Job 1 (task 'stuck') not confirmed by the broker within PT0.3S");
		assertThat(later.join()).isEqualTo("second");
	}

	@Test
	void failsWithTheBrokersErrorWhenTheConfirmFails() {
		CompletableFuture<Void> confirm = new CompletableFuture<>();
		CompletableFuture<String> result = this.confirms.whenConfirmed(confirm, () -> "Job 1", () -> "never");

		confirm.completeExceptionally(new JobsUnavailableException("Job 1 refused by RabbitMQ (publisher nack)"));

		assertThat(result).failsWithin(Duration.ofSeconds(5))
			.withThrowableOfType(ExecutionException.class)
			.havingCause()
			.withMessage("Job 1 refused by RabbitMQ (publisher nack)");
	}

	@Test
	void aConfirmThatCameIsNeverTurnedIntoATimeoutWhateverWaitsBeforeIt() throws Exception {
		List<CompletableFuture<String>> results = new ArrayList<>();
		for (int i = 0; i < 1_000; i++) {
			CompletableFuture<Void> confirm = new CompletableFuture<>();
			int n = i;
			results.add(this.confirms.whenConfirmed(confirm, () -> "Job " + n, () -> "ok " + n));
			confirm.complete(null);
		}
		// Past every deadline, so that a sweep has looked at all of them.
		CompletableFuture<String> stuck = this.confirms.whenConfirmed(new CompletableFuture<>(), () -> "stuck",
				() -> "never");
		await().atMost(Duration.ofSeconds(5)).until(stuck::isDone);

		for (int i = 0; i < results.size(); i++) {
			assertThat(results.get(i).get(1, TimeUnit.SECONDS)).isEqualTo("ok " + i);
		}
	}

}
