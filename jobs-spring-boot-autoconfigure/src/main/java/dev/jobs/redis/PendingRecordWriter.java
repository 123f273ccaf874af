package dev.jobs.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.jobs.core.envelope.JobEnvelope;

/**
 * Writes the {@code PENDING} records of confirmed jobs on a thread of its own, so that a
 * producer hands over the envelopes the broker confirmed and goes on: it neither encodes the
 * records nor waits for Redis. The writer gathers what arrives within a short linger after the
 * first envelope (or until a batch is full) and sends it in one script call; under a producer
 * that waits for each confirm, the linger turns one call, one socket write and three thread
 * wake-ups per job into one per few jobs, and a busy producer fills batches before the linger
 * ends.
 *
 * <p>The record is best-effort (see {@link dev.jobs.core.port.JobRecords}): envelopes beyond
 * the bound waiting are dropped, as is a batch Redis refuses or cannot take, logged at debug
 * level. On a Redis Cluster the store splits a batch by hash slot ({@link SlotGroups}) and sends
 * its groups together; a batch that Redis Cluster refuses because its keys hash to different
 * slots (a store that could not tell it was on a cluster) is sent again job by job.
 */
final class PendingRecordWriter implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(PendingRecordWriter.class);

	private final Consumer<List<JobEnvelope>> writeBatch;

	private final Duration linger;

	private final BlockingQueue<JobEnvelope> waiting;

	private final OnDemandThread writer;

	private volatile boolean closed;

	/**
	 * A writer over the given way of sending records.
	 * @param writeBatch encodes and sends the records of the given jobs in one call; throws if
	 * they were not written
	 * @param linger how long the writer waits for more jobs after the first of a batch
	 * @param maxWaiting how many jobs may wait at most
	 */
	PendingRecordWriter(Consumer<List<JobEnvelope>> writeBatch, Duration linger, int maxWaiting) {
		this.writeBatch = writeBatch;
		this.linger = linger;
		this.waiting = new LinkedBlockingQueue<>(maxWaiting);
		this.writer = new OnDemandThread("jobs-pending-writer", this::writeUntilClosed);
	}

	/**
	 * Hands over confirmed jobs; never blocks and never throws.
	 * @param jobs the jobs
	 * @return how many were dropped because too many wait already or the writer is closed
	 */
	int offer(List<JobEnvelope> jobs) {
		if (this.closed) {
			return jobs.size();
		}
		this.writer.ensureStarted();
		int dropped = 0;
		for (JobEnvelope job : jobs) {
			if (!this.waiting.offer(job)) {
				dropped++;
			}
		}
		return dropped;
	}

	private void writeUntilClosed() {
		List<JobEnvelope> batch = new ArrayList<>(BatchedResultWriter.MAX_BATCH);
		try {
			while (!this.closed) {
				if (gather(batch)) {
					send(batch);
					batch.clear();
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		// Closed: what still waits goes in one last pass rather than never.
		this.waiting.drainTo(batch);
		for (int from = 0; from < batch.size(); from += BatchedResultWriter.MAX_BATCH) {
			send(batch.subList(from, Math.min(batch.size(), from + BatchedResultWriter.MAX_BATCH)));
		}
	}

	/** Waits up to 100 ms for a first job, then up to the linger for more; true if it has any. */
	private boolean gather(List<JobEnvelope> batch) throws InterruptedException {
		JobEnvelope first = this.waiting.poll(100, TimeUnit.MILLISECONDS);
		if (first == null) {
			return false;
		}
		batch.add(first);
		long deadline = System.nanoTime() + this.linger.toNanos();
		while (batch.size() < BatchedResultWriter.MAX_BATCH) {
			this.waiting.drainTo(batch, BatchedResultWriter.MAX_BATCH - batch.size());
			long left = deadline - System.nanoTime();
			if (batch.size() >= BatchedResultWriter.MAX_BATCH || left <= 0) {
				break;
			}
			JobEnvelope next = this.waiting.poll(left, TimeUnit.NANOSECONDS);
			if (next == null) {
				break;
			}
			batch.add(next);
		}
		return true;
	}

	private void send(List<JobEnvelope> batch) {
		try {
			this.writeBatch.accept(batch);
		}
		catch (RuntimeException ex) {
			if (batch.size() > 1 && BatchedResultWriter.isCrossSlot(ex)) {
				batch.forEach((job) -> send(List.of(job)));
				return;
			}
			logger.debug("PENDING records of " + batch.size() + " jobs not written to Redis", ex);
		}
		catch (Throwable ex) {
			// An Error from the client: these records are lost, the writer goes on with the next.
			logger.debug("PENDING records of " + batch.size() + " jobs not written to Redis", ex);
		}
	}

	/**
	 * How many jobs wait for the writer thread, not counting the batch on its way.
	 * @return the number of waiting jobs
	 */
	int waiting() {
		return this.waiting.size();
	}

	/**
	 * Stops the writer thread once the jobs waiting are written (within 100 ms when idle); jobs
	 * handed over after this are dropped.
	 */
	@Override
	public void close() {
		this.closed = true;
	}

}
