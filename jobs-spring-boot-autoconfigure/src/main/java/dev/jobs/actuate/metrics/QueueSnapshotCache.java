package dev.jobs.actuate.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.jobs.core.port.QueueInspector;
import dev.jobs.core.port.QueueSnapshot;

/**
 * Keeps the latest {@link QueueSnapshot} for a while, so that gauges read by every scrape ask
 * the broker at most once per time to live, whatever the number of gauges and scrapers. A
 * failed read is kept as long, so an unreachable broker is not asked more often either.
 */
public final class QueueSnapshotCache {

	private static final Log logger = LogFactory.getLog(QueueSnapshotCache.class);

	private final QueueInspector inspector;

	private final Duration timeToLive;

	private final Clock clock;

	private Optional<QueueSnapshot> latest = Optional.empty();

	private Instant readAt;

	/**
	 * A cache over an inspector.
	 * @param inspector reads the broker
	 * @param timeToLive how long a read is reused
	 * @param clock the clock
	 */
	public QueueSnapshotCache(QueueInspector inspector, Duration timeToLive, Clock clock) {
		this.inspector = inspector;
		this.timeToLive = timeToLive;
		this.clock = clock;
	}

	/**
	 * The snapshot, read again if the kept one is older than the time to live.
	 * @return the snapshot, or empty if the broker could not be read
	 */
	public synchronized Optional<QueueSnapshot> get() {
		Instant now = this.clock.instant();
		if (this.readAt == null || !now.isBefore(this.readAt.plus(this.timeToLive))) {
			this.readAt = now;
			try {
				this.latest = Optional.of(this.inspector.snapshot());
			}
			catch (RuntimeException ex) {
				logger.debug("Queue numbers unavailable for gauges: " + ex.getMessage(), ex);
				this.latest = Optional.empty();
			}
		}
		return this.latest;
	}

}
