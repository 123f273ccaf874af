package dev.jobs.actuate.health;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A health call is awaited until its deadline and no longer, and a call that blocks is joined
 * by the next probes instead of being started again.
 */
class TimeBoundCallTests {

	private static final Duration TIMEOUT = Duration.ofMillis(200);

	private final CountDownLatch release = new CountDownLatch(1);

	private final AtomicInteger calls = new AtomicInteger();

	private final TimeBoundCall<String> call = new TimeBoundCall<>("test", () -> {
		this.calls.incrementAndGet();
		try {
			this.release.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return "PONG";
	});

	@Test
	void aBlockedCallTimesOutAtTheDeadlineNamingTheTimeout() {
		CompletableFuture<String> answer = this.call.begin();

		assertThatExceptionOfType(TimeoutException.class)
			.isThrownBy(() -> this.call.await(answer, deadline(), TIMEOUT))
			.withMessage("no answer within 200 ms");
		this.release.countDown();
	}

	@Test
	void probesWhileACallIsBlockedJoinItAndTheNextOneAfterItEndsStartsAnother() throws Exception {
		CompletableFuture<String> first = this.call.begin();
		CompletableFuture<String> second = this.call.begin();

		assertThat(second).isSameAs(first);
		this.release.countDown();
		assertThat(this.call.await(first, deadline(), Duration.ofSeconds(10))).isEqualTo("PONG");
		assertThat(this.call.await(this.call.begin(), deadline(), Duration.ofSeconds(10))).isEqualTo("PONG");
		assertThat(this.calls).hasValue(2);
	}

	@Test
	void whatTheCallThrowsReachesTheCaller() {
		TimeBoundCall<String> failing = new TimeBoundCall<>("test", () -> {
			throw new IllegalStateException("connection refused");
		});

		assertThatIllegalStateException()
			.isThrownBy(() -> failing.await(failing.begin(), System.nanoTime() + Duration.ofSeconds(10).toNanos(),
					Duration.ofSeconds(10)))
			.withMessage("connection refused");
	}

	private static long deadline() {
		return System.nanoTime() + TIMEOUT.toNanos();
	}

}
