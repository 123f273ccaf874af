package dev.jobs.rabbit;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.rabbit.ConfirmChannel.Confirmation;
import dev.jobs.rabbit.ConfirmChannel.Confirmation.Outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Publishing again after a nack, against a fake broker that answers each attempt from a script.
 */
class NackRetryTests {

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

	@AfterEach
	void stop() {
		this.scheduler.shutdownNow();
	}

	@Test
	void nackedMessageIsPublishedAgainUntilTheBrokerAcksIt() {
		ScriptedBroker broker = new ScriptedBroker(Confirmation.NACKED, Confirmation.NACKED, Confirmation.ACKED);

		CompletableFuture<Confirmation> result = publish(Duration.ofSeconds(5), broker);

		assertThat(result).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(Confirmation.ACKED);
		assertThat(broker.attempts).hasSize(3);
	}

	@Test
	void attemptsBackOffFromFiftyMillisDoublingToOneSecond() {
		ScriptedBroker broker = new ScriptedBroker(Confirmation.NACKED, Confirmation.NACKED, Confirmation.NACKED,
				Confirmation.ACKED);

		assertThat(publish(Duration.ofSeconds(5), broker)).succeedsWithin(Duration.ofSeconds(5));

		List<Long> gaps = broker.gapsMillis();
		assertThat(gaps).hasSize(3);
		assertThat(gaps.get(0)).isBetween(45L, 1000L);
		assertThat(gaps.get(1)).isBetween(95L, 1000L);
		assertThat(gaps.get(2)).isBetween(195L, 1000L);
		assertThat(NackRetry.MAX_BACKOFF).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void lastNackStandsWhenTheNextBackoffWouldEndPastTheConfirmTimeout() {
		ScriptedBroker broker = new ScriptedBroker(Confirmation.NACKED);

		CompletableFuture<Confirmation> result = publish(Duration.ofMillis(450), broker);

		Confirmation last = result.join();
		assertThat(last.outcome()).isEqualTo(Outcome.NACKED);
		// 50 + 100 + 200 ms fit in 450 ms; the 400 ms backoff after them does not.
		assertThat(broker.attempts).hasSize(4);
		assertThat(last.detail()).isEqualTo("after 4 attempts");
		assertThat(broker.lastAttemptMillis()).isLessThan(450);
	}

	/** Only a nack says the broker did not take the message; a loss may be in a queue already. */
	@Test
	void lostReturnedAndAckedMessagesAreNotPublishedAgain() {
		for (Confirmation once : List.of(Confirmation.lost("connection reset"), Confirmation.returned("NO_ROUTE"),
				Confirmation.ACKED)) {
			ScriptedBroker broker = new ScriptedBroker(once, Confirmation.ACKED);

			assertThat(publish(Duration.ofSeconds(5), broker).join()).isEqualTo(once);
			assertThat(broker.attempts).hasSize(1);
		}
	}

	@Test
	void laterAttemptThatCannotBeWrittenCountsAsANackAndIsTriedAgain() {
		ScriptedBroker broker = new ScriptedBroker(Confirmation.NACKED, null, Confirmation.ACKED);

		assertThat(publish(Duration.ofSeconds(5), broker)).succeedsWithin(Duration.ofSeconds(5))
			.isEqualTo(Confirmation.ACKED);
		assertThat(broker.attempts).hasSize(3);
	}

	@Test
	void firstAttemptThatCannotBeWrittenFailsTheCallerAtOnce() {
		ScriptedBroker broker = new ScriptedBroker((Confirmation) null);

		assertThatIOException()
			.isThrownBy(() -> new NackRetry(this.scheduler, Duration.ofSeconds(5), System::nanoTime).publish(broker));
		assertThat(broker.attempts).hasSize(1);
	}

	private CompletableFuture<Confirmation> publish(Duration within, ScriptedBroker broker) {
		try {
			return new NackRetry(this.scheduler, within, System::nanoTime).publish(broker);
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
	}

	/**
	 * Answers attempts in order, repeating the last answer; {@code null} stands for a publish that
	 * cannot be written.
	 */
	private static final class ScriptedBroker implements NackRetry.Attempt {

		private final Deque<Confirmation> script = new ArrayDeque<>();

		private final Confirmation last;

		private final long start = System.nanoTime();

		private final List<Long> attempts = new ArrayList<>();

		ScriptedBroker(Confirmation... answers) {
			for (Confirmation answer : answers) {
				this.script.add((answer != null) ? answer : UNWRITABLE);
			}
			this.last = this.script.peekLast();
		}

		@Override
		public CompletableFuture<Confirmation> publish() throws IOException {
			this.attempts.add(System.nanoTime());
			Confirmation answer = (this.script.size() > 1) ? this.script.poll() : this.last;
			if (answer == UNWRITABLE) {
				throw new IOException("connection is closing");
			}
			return CompletableFuture.completedFuture(answer);
		}

		List<Long> gapsMillis() {
			List<Long> gaps = new ArrayList<>();
			for (int i = 1; i < this.attempts.size(); i++) {
				gaps.add((this.attempts.get(i) - this.attempts.get(i - 1)) / 1_000_000);
			}
			return gaps;
		}

		long lastAttemptMillis() {
			return (this.attempts.get(this.attempts.size() - 1) - this.start) / 1_000_000;
		}

		private static final Confirmation UNWRITABLE = Confirmation.lost("unwritable");

	}

}
