package dev.jobs.redis;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.jobs.core.port.ResultRecord;

/**
 * The {@code STARTED} records of the jobs this instance is running, written to Redis only for
 * jobs that are still running after {@code jobs.results.started-after}. A job's life here:
 * <ol>
 * <li>the worker starts it: its record is kept in memory with the start time, and nothing is
 * written;</li>
 * <li>the job finishes first (any later record: the final one, {@code RETRYING}): its record is
 * dropped unwritten, so a short job costs Redis one call, its final record;</li>
 * <li>or the job is still running after {@code started-after}: the {@code jobs-started-writer}
 * thread, which wakes every {@code max(10ms, started-after / 2)}, writes the record; with
 * {@code started-after} zero it is woken at each start and writes at once.</li>
 * </ol>
 * The promise: a {@code STARTED} record never lands after a later record of the same job. A
 * later record of a job whose {@code STARTED} write is under way waits for that write to end,
 * and the store refuses to overwrite a terminal record of the same run (written by another
 * instance or an earlier delivery) or any record of a later run. The record is informational,
 * so when {@value #CAPACITY} jobs are waiting here, further ones get none, and a failed write
 * is logged at debug level only.
 */
final class StartedRecords implements AutoCloseable {

	static final int CAPACITY = 100_000;

	private static final long MIN_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	private static final Log logger = LogFactory.getLog(StartedRecords.class);

	private final Map<String, Started> running = new ConcurrentHashMap<>();

	private final long afterNanos;

	private final long periodNanos;

	private final LongSupplier ticker;

	private final Consumer<ResultRecord> write;

	private volatile Thread writer;

	private volatile boolean closed;

	/**
	 * Records handed to the given write.
	 * @param startedAfter how long a job runs before its record is written
	 * @param ticker the time in nanoseconds, as {@link System#nanoTime()}
	 * @param write writes one record, under the rule of {@code record_results.lua}
	 */
	StartedRecords(Duration startedAfter, LongSupplier ticker, Consumer<ResultRecord> write) {
		this.afterNanos = startedAfter.toNanos();
		this.periodNanos = Math.max(MIN_PERIOD_NANOS, this.afterNanos / 2);
		this.ticker = ticker;
		this.write = write;
	}

	/**
	 * Keeps the record of a job that starts, to be written if the job is still running after
	 * {@code started-after}.
	 * @param record the {@code STARTED} record
	 */
	void started(ResultRecord record) {
		if (this.closed || this.running.size() >= CAPACITY) {
			return;
		}
		this.running.put(record.id(), new Started(record, this.ticker.getAsLong()));
		Thread writer = startWriter();
		if (this.afterNanos == 0) {
			LockSupport.unpark(writer);
		}
	}

	/**
	 * Forgets the record of a job that has a later one, waiting for its write if one is under
	 * way, so that the later record is the one that stays.
	 * @param jobId the job id
	 */
	void superseded(String jobId) {
		Started started = this.running.remove(jobId);
		if (started != null) {
			started.lock.lock();
			try {
				started.done = true;
			}
			finally {
				started.lock.unlock();
			}
		}
	}

	/**
	 * Writes the records of the jobs that have been running for {@code started-after} or longer.
	 */
	void writeDue() {
		long now = this.ticker.getAsLong();
		for (Map.Entry<String, Started> entry : this.running.entrySet()) {
			Started started = entry.getValue();
			if (now - started.at >= this.afterNanos) {
				write(started);
				this.running.remove(entry.getKey(), started);
			}
		}
	}

	private void write(Started started) {
		started.lock.lock();
		try {
			if (!started.done) {
				started.done = true;
				this.write.accept(started.record);
			}
		}
		catch (RuntimeException ex) {
			// Redis unreachable: the final record, which the worker does wait for, will fail
			// loudly and hold the job back; this informational one need not add to the noise.
			logger.debug("STARTED record of job " + started.record.id() + " not written to Redis", ex);
		}
		finally {
			started.lock.unlock();
		}
	}

	/**
	 * Starts the writer thread on the first job, so that instances that run no jobs have none.
	 * @return the writer thread, or {@code null} once closed
	 */
	private Thread startWriter() {
		Thread writer = this.writer;
		if (writer == null) {
			synchronized (this) {
				writer = this.writer;
				if (writer == null && !this.closed) {
					writer = new Thread(this::writeUntilClosed, "jobs-started-writer");
					writer.setDaemon(true);
					writer.start();
					this.writer = writer;
				}
			}
		}
		return writer;
	}

	private void writeUntilClosed() {
		while (!this.closed) {
			writeDue();
			LockSupport.parkNanos(this, this.periodNanos);
		}
	}

	/**
	 * Stops the writer thread. Records not yet written are dropped.
	 */
	@Override
	public void close() {
		this.closed = true;
		Thread writer = this.writer;
		if (writer != null) {
			LockSupport.unpark(writer);
		}
		this.running.clear();
	}

	/**
	 * Whether the writer thread is running.
	 * @return {@code true} from the first job until shortly after {@link #close()}
	 */
	boolean isWriting() {
		Thread writer = this.writer;
		return writer != null && writer.isAlive();
	}

	private static final class Started {

		private final ResultRecord record;

		private final long at;

		private final ReentrantLock lock = new ReentrantLock();

		/** Whether the record was written or superseded; guarded by {@link #lock}. */
		private boolean done;

		Started(ResultRecord record, long at) {
			this.record = record;
			this.at = at;
		}

	}

}
