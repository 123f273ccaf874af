package dev.jobs.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.jobs.JobStatus;

/**
 * Writes result records for many worker threads through one writer thread, which sends all the
 * records waiting at that moment together (a group commit). A caller either waits until its own
 * record is written ({@link #write}) or goes on and learns it from a future ({@link #submit}):
 * the worker does the latter, so that a consumer runs its next job while the last one's record
 * is on its way. While one batch is on its way to Redis the next one gathers, so under load a
 * record costs a fraction of a call instead of one call, one socket write and one event-loop
 * wake-up each. Idle, a record goes alone, at the cost of one thread hand-off. Records are
 * written, and their futures completed, in the order they were handed over.
 *
 * <p>On a Redis Cluster the store splits a batch by hash slot ({@link SlotGroups}) and fails
 * only the records of the groups that failed ({@link PartlyWritten}); the others are done. A
 * batch that Redis Cluster refuses because its keys hash to different slots (a store that could
 * not tell it was on a cluster) is written again record by record. Any other failure (Redis down, or too slow) fails the whole batch at once:
 * written one by one, its records would each wait out the client's timeout again, and every
 * record behind them would wait for all of that.
 */
final class BatchedResultWriter implements AutoCloseable {

	/** Large enough to gather what 8 to 64 consumers finish during one round trip, a few jobs each. */
	static final int MAX_BATCH = 128;

	private final Consumer<List<Write>> writeBatch;

	private final Consumer<Write> writeOne;

	private final BlockingQueue<Write> waiting = new LinkedBlockingQueue<>();

	private final OnDemandThread writer;

	private volatile boolean closed;

	/**
	 * A writer of result records over the two ways of sending records.
	 * @param writeBatch sends several records in one call; throws if they were not all written
	 * @param writeOne sends one record; throws if it was not written
	 */
	BatchedResultWriter(Consumer<List<Write>> writeBatch, Consumer<Write> writeOne) {
		this.writeBatch = writeBatch;
		this.writeOne = writeOne;
		this.writer = new OnDemandThread("jobs-result-writer", this::writeUntilClosed);
	}

	/**
	 * Writes a record and returns once it is written.
	 * @param write the record
	 * @throws RuntimeException what writing it threw
	 */
	void write(Write write) {
		try {
			submit(write).join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime
					: new IllegalStateException("Writing the result of job " + write.jobId() + " failed", ex.getCause());
		}
	}

	/**
	 * Hands a record to the writer thread and returns at once.
	 * @param write the record
	 * @return {@code write.done()}: completes once the record is written, after the records
	 * submitted before it
	 */
	CompletableFuture<Void> submit(Write write) {
		if (!offer(write, Integer.MAX_VALUE)) {
			// Closed: written on the caller's thread rather than never.
			sendAlone(write);
		}
		return write.done;
	}

	/**
	 * Hands a record to the writer thread if it is open and fewer than {@code limit} records
	 * wait; never writes on the caller's thread and never blocks.
	 * @param write the record
	 * @param limit how many records may wait at most
	 * @return whether the record was handed over; if so, {@code write.done()} completes once it
	 * is written
	 */
	boolean offer(Write write, int limit) {
		if (this.closed || this.waiting.size() >= limit) {
			return false;
		}
		this.writer.ensureStarted();
		this.waiting.add(write);
		// Closed meanwhile: the writer may have made its last pass over the queue already.
		return !(this.closed && this.waiting.remove(write));
	}

	private void writeUntilClosed() {
		List<Write> batch = new ArrayList<>(MAX_BATCH);
		while (!this.closed) {
			try {
				Write first = this.waiting.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
			}
			catch (InterruptedException ex) {
				break;
			}
			this.waiting.drainTo(batch, MAX_BATCH - 1);
			try {
				send(batch);
			}
			catch (Throwable ex) {
				// An Error from the client: fail this batch's callers and go on serving the others.
				batch.forEach((write) -> write.done.completeExceptionally(ex));
			}
			batch.clear();
		}
		// Closed: whoever still waits writes their own record rather than wait forever.
		Write left;
		while ((left = this.waiting.poll()) != null) {
			sendAlone(left);
		}
	}

	private void send(List<Write> batch) {
		if (batch.size() == 1) {
			sendAlone(batch.get(0));
			return;
		}
		try {
			this.writeBatch.accept(batch);
		}
		catch (PartlyWritten ex) {
			for (Write write : batch) {
				Throwable failure = ex.failed.get(write);
				if (failure != null) {
					write.done.completeExceptionally(failure);
				}
				else {
					write.done.complete(null);
				}
			}
			return;
		}
		catch (RuntimeException ex) {
			if (isCrossSlot(ex)) {
				batch.forEach(this::sendAlone);
			}
			else {
				batch.forEach((write) -> write.done.completeExceptionally(ex));
			}
			return;
		}
		batch.forEach((write) -> write.done.complete(null));
	}

	/** Redis Cluster refuses one call whose keys hash to different slots with a CROSSSLOT error. */
	static boolean isCrossSlot(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null && cause.getMessage().startsWith("CROSSSLOT")) {
				return true;
			}
		}
		return false;
	}

	private void sendAlone(Write write) {
		try {
			this.writeOne.accept(write);
			write.done.complete(null);
		}
		catch (RuntimeException ex) {
			write.done.completeExceptionally(ex);
		}
	}

	/**
	 * How many records wait for the writer thread, not counting the batch on its way.
	 * @return the number of waiting records
	 */
	int waiting() {
		return this.waiting.size();
	}

	/**
	 * Stops the writer thread once the records waiting are written (within 100 ms when idle);
	 * records submitted after this go alone, on the caller's thread.
	 */
	@Override
	public void close() {
		this.closed = true;
	}

	/**
	 * Thrown by a batch write of which only some records were written (on a Redis Cluster, the
	 * calls of some hash slots failed): the records it names failed, for the reasons it gives;
	 * every other record of the batch was written.
	 */
	static final class PartlyWritten extends RuntimeException {

		private final transient Map<Write, Throwable> failed;

		/**
		 * A failure of some of a batch's records.
		 * @param failed the records not written, by identity, with why
		 */
		PartlyWritten(Map<Write, Throwable> failed) {
			super(failed.size() + " result records of the batch not written: " + failed.values().iterator().next(),
					failed.values().iterator().next(), false, false);
			this.failed = failed;
		}

	}

	/**
	 * One record to write.
	 *
	 * @param jobId the job, for error messages
	 * @param key the result key
	 * @param record the record, JSON in UTF-8
	 * @param run the record's run, which the store compares with the stored record's
	 * @param status the record's status, which the store compares with the stored record's
	 * @param channel the channel to announce it on; empty for none
	 * @param task the job's task, for the search index of its task
	 * @param score the job's enqueue time in epoch milliseconds, its score in the search indexes
	 * @param done completes once the record is written (or refused by the store's rule)
	 */
	record Write(String jobId, String key, byte[] record, int run, JobStatus status, String channel, String task,
			long score, CompletableFuture<Void> done) {

		Write(String jobId, String key, byte[] record, int run, JobStatus status, String channel, String task,
				long score) {
			this(jobId, key, record, run, status, channel, task, score, new CompletableFuture<>());
		}

	}

}
