package dev.jobs.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Writes result records for many worker threads through one writer thread, which sends all the
 * records waiting at that moment together (a group commit). A caller waits until its own record
 * is written, as before; but while one batch is on its way to Redis the next one gathers, so
 * under load a record costs a fraction of a call instead of one call, one socket write and one
 * event-loop wake-up each. Idle, a record goes alone, at the cost of one thread hand-off.
 *
 * <p>A batch that fails (Redis down, or a cluster refusing keys of different slots in one call)
 * is written again record by record, so each caller learns the fate of its own record only.
 */
final class BatchedResultWriter implements AutoCloseable {

	/** Large enough to gather what 8 to 64 consumers finish during one round trip. */
	static final int MAX_BATCH = 128;

	private final Consumer<List<Write>> writeBatch;

	private final Consumer<Write> writeOne;

	private final BlockingQueue<Write> waiting = new LinkedBlockingQueue<>();

	private final ReentrantLock starting = new ReentrantLock();

	private volatile Thread writer;

	private volatile boolean closed;

	/**
	 * A writer over the two ways of sending records.
	 * @param writeBatch sends several records in one call; throws if they were not all written
	 * @param writeOne sends one record; throws if it was not written
	 */
	BatchedResultWriter(Consumer<List<Write>> writeBatch, Consumer<Write> writeOne) {
		this.writeBatch = writeBatch;
		this.writeOne = writeOne;
	}

	/**
	 * Writes a record and returns once it is written.
	 * @param write the record
	 * @throws RuntimeException what writing it threw
	 */
	void write(Write write) {
		if (this.closed) {
			this.writeOne.accept(write);
			return;
		}
		startWriter();
		this.waiting.add(write);
		try {
			awaitWritten(write);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime
					: new IllegalStateException("Writing the result of job " + write.jobId() + " failed", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while writing the result of job " + write.jobId(), ex);
		}
	}

	private void awaitWritten(Write write) throws ExecutionException, InterruptedException {
		while (true) {
			try {
				write.done.get(1, TimeUnit.SECONDS);
				return;
			}
			catch (TimeoutException ex) {
				// Slow Redis; or closed after the writer's last look at the queue, or the writer died:
				// then write it here.
				Thread thread = this.writer;
				boolean noWriter = this.closed || thread == null || !thread.isAlive();
				if (noWriter && this.waiting.remove(write)) {
					this.writeOne.accept(write);
					return;
				}
			}
		}
	}

	/** Started by the first record, so instances that never run jobs have no writer thread. */
	private void startWriter() {
		if (this.writer != null) {
			return;
		}
		this.starting.lock();
		try {
			if (this.writer == null) {
				Thread thread = new Thread(this::writeUntilClosed, "jobs-result-writer");
				thread.setDaemon(true);
				thread.start();
				this.writer = thread;
			}
		}
		finally {
			this.starting.unlock();
		}
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
		catch (RuntimeException ex) {
			batch.forEach(this::sendAlone);
			return;
		}
		batch.forEach((write) -> write.done.complete(null));
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
	 * Stops the writer thread once the batch on its way is written (within 100 ms when idle);
	 * records written after this go alone, on the caller's thread.
	 */
	@Override
	public void close() {
		this.closed = true;
	}

	/**
	 * One record to write.
	 *
	 * @param jobId the job, for error messages
	 * @param key the result key
	 * @param record the record, JSON
	 * @param channel the channel to announce it on; empty for none
	 * @param done completes once the record is written
	 */
	record Write(String jobId, String key, String record, String channel, CompletableFuture<Void> done) {

		Write(String jobId, String key, String record, String channel) {
			this(jobId, key, record, channel, new CompletableFuture<>());
		}

	}

}
