package dev.jobs.core.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import dev.jobs.JobsUnavailableException;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.envelope.JobIds;
import dev.jobs.core.port.JobObserver;
import dev.jobs.core.port.JobOutbox;
import dev.jobs.core.port.JobPublisher;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One relay round at a time, against an outbox kept in a map: what is marked published, what
 * stays, how the wait grows while the broker fails and when the records hear of a job.
 */
class OutboxRelayTests {

	private final TableInMemory table = new TableInMemory();

	private final List<JobEnvelope> recorded = new ArrayList<>();

	@Test
	void whenTheBrokerConfirmsThenRowsArePublishedAndRecordedPending() {
		JobEnvelope job = this.table.add();
		OutboxRelay relay = relay((envelope) -> CompletableFuture.completedFuture(null));
		assertThat(relay.round()).isTrue();
		assertThat(this.table.published).containsExactly(job.id());
		assertThat(this.recorded).containsExactly(job);
	}

	@Test
	void whenTheBrokerIsUnreachableThenRowsStayAndTheWaitGrowsToItsBound() {
		JobEnvelope job = this.table.add();
		OutboxRelay relay = relay((envelope) -> {
			throw new JobsUnavailableException("RabbitMQ is unreachable");
		});
		for (int i = 0; i < 6; i++) {
			assertThat(relay.round()).isFalse();
		}
		assertThat(this.table.published).isEmpty();
		assertThat(this.table.retryAfter.get(job.id())).isEqualTo(OutboxRelay.MAX_BACKOFF);
		assertThat(this.recorded).isEmpty();
	}

	@Test
	void whenOnlySomeAreConfirmedThenOnlyThoseArePublished() {
		JobEnvelope confirmed = this.table.add();
		JobEnvelope refused = this.table.add();
		OutboxRelay relay = relay((envelope) -> envelope.equals(refused)
				? CompletableFuture.failedFuture(new JobsUnavailableException("returned")) : CompletableFuture.completedFuture(null));
		assertThat(relay.round()).isFalse();
		assertThat(this.table.published).containsExactly(confirmed.id());
		assertThat(this.table.retryAfter).containsOnlyKeys(refused.id());
		assertThat(this.recorded).containsExactly(confirmed);
	}

	private OutboxRelay relay(JobPublisher publisher) {
		return new OutboxRelay(this.table, publisher, this.recorded::addAll, JobObserver.NONE, Duration.ofSeconds(1),
				Duration.ofHours(1), Clock.systemUTC());
	}

	/** The outbox table's contract in a map: due rows in order, marks, waits. */
	private static final class TableInMemory implements JobOutbox {

		private final Map<String, JobEnvelope> rows = new LinkedHashMap<>();

		private final List<String> published = new ArrayList<>();

		private final Map<String, Duration> retryAfter = new LinkedHashMap<>();

		JobEnvelope add() {
			JobEnvelope envelope = JobEnvelope.first(JobIds.next(), "task", "default",
					JsonMapper.builder().build().createArrayNode(), Instant.now());
			this.rows.put(envelope.id(), envelope);
			return envelope;
		}

		@Override
		public void store(List<JobEnvelope> envelopes) {
			envelopes.forEach((envelope) -> this.rows.put(envelope.id(), envelope));
		}

		@Override
		public int relay(int limit, Duration retryAfter, Function<List<JobEnvelope>, Set<String>> publish) {
			List<JobEnvelope> due = this.rows.values().stream().limit(limit).toList();
			Set<String> confirmed = publish.apply(due);
			for (JobEnvelope envelope : due) {
				if (confirmed.contains(envelope.id())) {
					this.rows.remove(envelope.id());
					this.retryAfter.remove(envelope.id());
					this.published.add(envelope.id());
				}
				else {
					this.retryAfter.put(envelope.id(), retryAfter);
				}
			}
			return due.size();
		}

		@Override
		public int clean(Instant publishedBefore) {
			return 0;
		}

	}

}
