package dev.jobs.core.pause;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.jobs.core.port.QueuePauses;
import dev.jobs.core.refresh.Refresher;

/**
 * Makes this instance's worker obey the queue pauses an operator set: every second it reads the
 * paused queues from the store and pauses or resumes the consumers of each queue this worker
 * consumes. A new instance obeys from its first second; a pause outlives restarts. While the store
 * cannot be read, the consumers stay as they were (a paused queue stays paused) and the failure is
 * logged once until it recovers.
 *
 * <p>Started when it is created, before the consumers start (they start paused where a queue
 * is), and closed when the context is destroyed, after the consumers stopped. It takes no part
 * in the lifecycle's phases: as a lifecycle bean depending on the consumers it changed the order
 * in which the context stopped them and Redis, and a job still running at shutdown lost its
 * result record.
 */
public final class QueuePauseWatcher implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(QueuePauseWatcher.class);

	/** How often the store is read. */
	public static final Duration EVERY = Refresher.EVERY;

	private final QueuePauses pauses;

	private final List<String> queues;

	private final BiConsumer<String, Boolean> consumers;

	private final Refresher refresher = new Refresher("jobs-queue-pauses", this::apply);

	private volatile boolean failing;

	/**
	 * A watcher over the given store.
	 * @param pauses the paused queues
	 * @param queues the job queues this worker consumes
	 * @param consumers pauses ({@code true}) or resumes ({@code false}) the consumers of a queue
	 */
	public QueuePauseWatcher(QueuePauses pauses, List<String> queues, BiConsumer<String, Boolean> consumers) {
		this.pauses = pauses;
		this.queues = List.copyOf(queues);
		this.consumers = consumers;
	}

	/** Reads the pauses once and applies them; called every second once started. */
	public void apply() {
		Set<String> paused;
		try {
			paused = this.pauses.paused();
		}
		catch (RuntimeException ex) {
			if (!this.failing) {
				this.failing = true;
				logger.warn("Cannot read the paused job queues (" + ex.getMessage() + "); the consumers stay as they"
						+ " are until they can be read");
			}
			return;
		}
		this.failing = false;
		for (String queue : this.queues) {
			this.consumers.accept(queue, paused.contains(queue));
		}
	}

	/** Reads the pauses now, then every second, on a daemon thread of its own. */
	public void start() {
		this.refresher.start();
	}

	/** Stops reading the pauses. */
	@Override
	public void close() {
		this.refresher.close();
	}

}
