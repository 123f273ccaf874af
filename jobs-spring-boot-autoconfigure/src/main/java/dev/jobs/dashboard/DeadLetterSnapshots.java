package dev.jobs.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.jobs.core.port.DeadLetterEntry;

/**
 * The latest read of the dead-letter queue, grouped by cause, for every page that shows dead
 * letters. RabbitMQ cannot show a queue's messages without taking them, one round trip each,
 * so a read of {@code jobs.dashboard.grouped-entries} (10,000) takes seconds; no request reads
 * the queue itself. A request asks for the latest read; one older than
 * {@code jobs.dashboard.failures-max-age}, or made before a write through the dashboard, starts
 * a new read on a thread of its own, one at a time; the age counts from the end of the read, so
 * that a slow read is not followed at once by another. A request that finds no read yet, or one
 * made before a write, waits for the new read at most {@link #WAIT}, so that a small queue is
 * shown as it is now; otherwise it is shown the previous read at once, which says when it was
 * made.
 */
final class DeadLetterSnapshots implements AutoCloseable {

	/** How long a request waits for a read in flight before it shows the previous one. */
	static final Duration WAIT = Duration.ofMillis(100);

	private static final Log logger = LogFactory.getLog(DeadLetterSnapshots.class);

	private final Supplier<List<DeadLetterEntry>> reader;

	private final Duration maxAge;

	private final ExecutorService executor = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "jobs-dashboard-dead-letters");
		thread.setDaemon(true);
		return thread;
	});

	private volatile Snapshot latest;

	private volatile boolean stale;

	private volatile boolean closed;

	private CompletableFuture<Snapshot> reading;

	/** Whether the read in flight replaces none, or one that a write made wrong. */
	private boolean worthWaitingFor;

	/**
	 * Snapshots made by the given reader.
	 * @param reader reads the first entries of the dead-letter queue
	 * @param maxAge how old a read may be before a request starts another
	 */
	DeadLetterSnapshots(Supplier<List<DeadLetterEntry>> reader, Duration maxAge) {
		this.reader = reader;
		this.maxAge = maxAge;
	}

	/**
	 * The latest read, after starting a new one if it is too old, and waiting for that one at
	 * most {@link #WAIT}.
	 * @return the read, or {@link Snapshot#first()} while the first is under way
	 */
	Snapshot current() {
		CompletableFuture<Snapshot> inFlight = refreshIfOld();
		if (inFlight != null) {
			try {
				return inFlight.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException ex) {
				// Still reading: the previous read is shown, saying when it was made.
			}
			catch (ExecutionException ex) {
				// read() catches what a read throws; nothing else is expected here.
				logger.debug("Dashboard: reading the dead-letter queue failed", ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		Snapshot snapshot = this.latest;
		return (snapshot != null) ? snapshot : Snapshot.first();
	}

	/**
	 * Marks the latest read as out of date, after a write changed the queue: the next request
	 * reads it again.
	 */
	void changed() {
		this.stale = true;
	}

	/**
	 * Starts a read if the latest is old.
	 * @return the read in flight if it is worth waiting for, else {@code null}
	 */
	private synchronized CompletableFuture<Snapshot> refreshIfOld() {
		Snapshot snapshot = this.latest;
		boolean wrong = snapshot == null || this.stale;
		boolean old = wrong || snapshot.readAt().plus(snapshot.took()).plus(this.maxAge).isBefore(Instant.now());
		if (this.reading == null && old) {
			this.stale = false;
			this.worthWaitingFor = wrong;
			CompletableFuture<Snapshot> read = CompletableFuture.supplyAsync(this::read, this.executor);
			this.reading = read;
			read.whenComplete((done, ex) -> finished(read, done));
		}
		return this.worthWaitingFor ? this.reading : null;
	}

	private synchronized void finished(CompletableFuture<Snapshot> read, Snapshot done) {
		if (done != null) {
			this.latest = done;
		}
		if (this.reading == read) {
			this.reading = null;
		}
	}

	private Snapshot read() {
		long start = System.nanoTime();
		Instant readAt = Instant.now();
		try {
			List<DeadLetterEntry> entries = this.reader.get();
			Map<String, DeadLetterEntry> byJobId = new LinkedHashMap<>();
			for (DeadLetterEntry entry : entries) {
				if (entry.jobId() != null) {
					byJobId.putIfAbsent(entry.jobId(), entry);
				}
			}
			return new Snapshot(FailureGroups.of(entries), Map.copyOf(byJobId), entries.size(), readAt,
					Duration.ofNanos(System.nanoTime() - start), null);
		}
		catch (RuntimeException ex) {
			if (this.closed) {
				// Stopping interrupted the read: nothing is wrong with the queue.
				logger.debug("Dashboard: reading the dead-letter queue stopped", ex);
			}
			else {
				logger.warn("Dashboard: the dead-letter queue could not be read: " + ex);
				logger.debug("Dashboard: the failed read of the dead-letter queue", ex);
			}
			Snapshot previous = this.latest;
			return (previous != null) ? previous.failed(ex.getMessage())
					: new Snapshot(List.of(), Map.of(), 0, readAt, Duration.ZERO, ex.getMessage());
		}
	}

	@Override
	public void close() {
		this.closed = true;
		this.executor.shutdownNow();
	}

	/**
	 * One read of the dead-letter queue.
	 *
	 * @param groups the entries read, grouped by cause, unmarked
	 * @param byJobId the entries that are jobs, by job id
	 * @param read how many entries were read
	 * @param readAt when the read started, or {@code null} while the first is under way
	 * @param took how long it took
	 * @param error why the latest read failed (the groups are then the read before it), or
	 * {@code null}
	 */
	record Snapshot(List<FailureGroups.Group> groups, Map<String, DeadLetterEntry> byJobId, int read,
			Instant readAt, Duration took, String error) {

		static Snapshot first() {
			return new Snapshot(List.of(), Map.of(), 0, null, Duration.ZERO, null);
		}

		Snapshot failed(String why) {
			return new Snapshot(this.groups, this.byJobId, this.read, this.readAt, this.took, why);
		}

		/**
		 * Whether no read has completed yet.
		 * @return {@code true} while the first is under way
		 */
		boolean pending() {
			return this.readAt == null;
		}

	}

}
