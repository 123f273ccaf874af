package dev.jobs.actuate.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.jobs.MovableClock;
import dev.jobs.core.port.QueueInspector;
import dev.jobs.core.port.QueueSnapshot;
import dev.jobs.core.port.QueueStats;

import static org.assertj.core.api.Assertions.assertThat;

class QueueSnapshotCacheTests {

	private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final CountingInspector inspector = new CountingInspector();

	private final QueueSnapshotCache cache = new QueueSnapshotCache(this.inspector, Duration.ofSeconds(5), this.clock);

	@Test
	void readsTheBrokerAtMostOncePerTimeToLive() {
		for (int scrape = 0; scrape < 10; scrape++) {
			assertThat(this.cache.get()).isPresent();
			this.clock.advance(Duration.ofMillis(400));
		}
		assertThat(this.inspector.reads.get()).isEqualTo(1);

		this.clock.advance(Duration.ofSeconds(1));

		assertThat(this.cache.get()).isPresent();
		assertThat(this.inspector.reads.get()).isEqualTo(2);
	}

	@Test
	void keepsAFailedReadAsLongSoAnUnreachableBrokerIsNotAskedMoreOften() {
		this.inspector.failing = true;
		assertThat(this.cache.get()).isEmpty();
		this.clock.advance(Duration.ofSeconds(4));
		assertThat(this.cache.get()).isEmpty();
		assertThat(this.inspector.reads.get()).isEqualTo(1);

		this.inspector.failing = false;
		this.clock.advance(Duration.ofSeconds(1));

		assertThat(this.cache.get()).isPresent();
		assertThat(this.inspector.reads.get()).isEqualTo(2);
	}

	private static final class CountingInspector implements QueueInspector {

		private final AtomicInteger reads = new AtomicInteger();

		private volatile boolean failing;

		@Override
		public QueueSnapshot snapshot() {
			this.reads.incrementAndGet();
			if (this.failing) {
				throw new IllegalStateException("broker down");
			}
			return new QueueSnapshot(List.of(new QueueStats("default", 3, 1L, 2)),
					new QueueStats("jobs.dead-letter", 0, 0L, 0), 0, QueueSnapshot.Source.MANAGEMENT_API,
					Instant.EPOCH);
		}

	}

}
