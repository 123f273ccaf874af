package dev.jobs.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.jobs.JobStatus;
import dev.jobs.Progress;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.port.JobRecords;
import dev.jobs.core.port.ResultRecord;
import dev.jobs.core.port.ResultStore;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.log.LogMessage;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.SubscriptionListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Result records in Redis: one JSON string per job under {@code <prefix>result:<id>} with the
 * configured time to live. A terminal record is also published on {@code <prefix>done:<id>} in
 * the same script, so a waiter in any instance wakes up at once without polling. Records of
 * jobs that finish together on different worker threads go to Redis in one script call
 * ({@link BatchedResultWriter}). A {@code STARTED} record is written only for a job still
 * running after {@code jobs.results.started-after} ({@link StartedRecords}).
 *
 * <p>The {@code PENDING} records of confirmed enqueues ({@link JobRecords}) have a writer of
 * their own, which batches them the same way, so that producers never wait for Redis.
 *
 * <p>Every write goes through {@code record_results.lua}, which keeps a job's status from
 * stepping back: a terminal record is final for its run, and a record of a lower run never
 * replaces one of a higher run (a replay from the dead-letter queue starts a new run). A record
 * the script refuses counts as written: the stored one is the later truth.
 */
public final class RedisResultStore implements ResultStore, JobRecords, DisposableBean {

	/**
	 * The most {@code PENDING} records waiting for their writer; more are dropped, so that a
	 * Redis outage costs the producers neither time nor unbounded memory.
	 */
	static final int MAX_PENDING_WAITING = 10_000;

	/**
	 * How long the writer of {@code PENDING} records waits for more after the first of a batch:
	 * short beside any reader's round trip, long enough to gather several one-at-a-time enqueues.
	 */
	static final Duration PENDING_LINGER = Duration.ofMillis(5);

	private static final Log logger = LogFactory.getLog(RedisResultStore.class);

	private static final byte[][] STATUS_NAMES = Arrays.stream(JobStatus.values())
		.map((status) -> status.name().getBytes(StandardCharsets.US_ASCII))
		.toArray(byte[][]::new);

	private final StringRedisTemplate redis;

	private final RedisMessageListenerContainer listeners;

	private final RedisKeys keys;

	private final ResultRecordCodec codec;

	private final JsonMapper mapper;

	private final Duration ttl;

	private final byte[] ttlMillis;

	private final StartedRecords started;

	private final BatchedResultWriter writer;

	private final PendingRecordWriter pendingWriter;

	/**
	 * A store on the given connection factory.
	 * @param connectionFactory the Redis connection factory
	 * @param keys the key names
	 * @param mapper the job JSON mapper, which writes and reads the records
	 * @param ttl how long records are kept
	 * @param startedAfter how long a job must have been running before its {@code STARTED} record
	 * is written
	 */
	public RedisResultStore(RedisConnectionFactory connectionFactory, RedisKeys keys, JsonMapper mapper, Duration ttl,
			Duration startedAfter) {
		this.redis = new StringRedisTemplate(connectionFactory);
		this.listeners = new RedisMessageListenerContainer();
		this.listeners.setConnectionFactory(connectionFactory);
		this.listeners.afterPropertiesSet();
		this.keys = keys;
		this.codec = new ResultRecordCodec(mapper);
		this.mapper = mapper;
		this.ttl = ttl;
		this.ttlMillis = Long.toString(ttl.toMillis()).getBytes(StandardCharsets.UTF_8);
		this.started = new StartedRecords(startedAfter, System::nanoTime, (record) -> writeOne(write(record)));
		this.writer = new BatchedResultWriter(this::writeBatch, this::writeOne);
		this.pendingWriter = new PendingRecordWriter(this::writePending, PENDING_LINGER, MAX_PENDING_WAITING);
	}

	@Override
	public void destroy() throws Exception {
		this.started.close();
		this.pendingWriter.close();
		this.writer.close();
		this.listeners.destroy();
	}

	/**
	 * Writes nothing yet: the record reaches Redis only if the job is still running after
	 * {@code jobs.results.started-after} (see {@link StartedRecords}), so the worker never waits
	 * for it and a short job costs no write for it.
	 */
	@Override
	public void recordStarted(ResultRecord record) {
		this.started.started(record);
	}

	/**
	 * Stores the record, after the job's {@code STARTED} record if that one is being written, and
	 * drops a {@code STARTED} record not yet written.
	 */
	@Override
	public void record(ResultRecord record) {
		this.started.superseded(record.id());
		this.writer.write(write(record));
	}

	/**
	 * Hands the record to the writer thread, which sends it with the others waiting (see
	 * {@link BatchedResultWriter}); otherwise as {@link #record}.
	 */
	@Override
	public CompletableFuture<Void> recordAsync(ResultRecord record) {
		this.started.superseded(record.id());
		return this.writer.submit(write(record));
	}

	/**
	 * Hands the jobs to a writer of their own ({@link PendingRecordWriter}), which encodes their
	 * records and sends them in batches with one script call each, off the caller's thread.
	 * Apart from the producers' records, this writer has no other work, so a burst of enqueues
	 * never delays a worker's result records. Records that cannot be written are logged at debug
	 * level and dropped; so are jobs beyond {@value #MAX_PENDING_WAITING} waiting.
	 */
	@Override
	public void pending(List<JobEnvelope> jobs) {
		int dropped = this.pendingWriter.offer(jobs);
		if (dropped > 0) {
			logger.debug(LogMessage.format("PENDING records of %d jobs dropped: %d records wait for Redis already,"
					+ " or the store is closed", dropped, MAX_PENDING_WAITING));
		}
	}

	/**
	 * Stores {@code PENDING} records with {@code record_results.lua} in its short form, one
	 * argument a record: the script reads the run from the record and the status is known.
	 */
	private void writePending(List<JobEnvelope> jobs) {
		int count = jobs.size();
		byte[][] keysAndArgs = new byte[1 + count * 2][];
		keysAndArgs[count] = this.ttlMillis;
		for (int i = 0; i < count; i++) {
			JobEnvelope job = jobs.get(i);
			keysAndArgs[i] = this.keys.result(job.id()).getBytes(StandardCharsets.UTF_8);
			keysAndArgs[count + 1 + i] = this.codec
				.encode(ResultRecord.of(job, job.queue(), JobStatus.PENDING).attempts(job.attempt() - 1));
		}
		RedisScripts.run(this.redis, RedisScripts.RECORD_RESULTS, count, keysAndArgs);
	}

	private BatchedResultWriter.Write write(ResultRecord record) {
		String channel = record.status().isTerminal() ? this.keys.done(record.id()) : "";
		return new BatchedResultWriter.Write(record.id(), this.keys.result(record.id()), this.codec.encode(record),
				record.run(), record.status(), channel);
	}

	private void writeOne(BatchedResultWriter.Write write) {
		writeBatch(List.of(write));
	}

	/** Stores the records with {@code record_results.lua}, which refuses those that would step back. */
	private void writeBatch(List<BatchedResultWriter.Write> batch) {
		int count = batch.size();
		byte[][] keysAndArgs = new byte[1 + count * 5][];
		keysAndArgs[count] = this.ttlMillis;
		for (int i = 0; i < count; i++) {
			BatchedResultWriter.Write write = batch.get(i);
			keysAndArgs[i] = write.key().getBytes(StandardCharsets.UTF_8);
			int args = count + 1 + 4 * i;
			keysAndArgs[args] = write.record();
			keysAndArgs[args + 1] = Integer.toString(write.run()).getBytes(StandardCharsets.US_ASCII);
			keysAndArgs[args + 2] = STATUS_NAMES[write.status().ordinal()];
			keysAndArgs[args + 3] = write.channel().getBytes(StandardCharsets.UTF_8);
		}
		RedisScripts.run(this.redis, RedisScripts.RECORD_RESULTS, count, keysAndArgs);
	}

	/**
	 * Stores the report as JSON under {@code <prefix>progress:<id>}, beside the record rather than
	 * in it: the record's status rules are the worker's, and a report must never race them.
	 */
	@Override
	public void recordProgress(String jobId, Progress progress) {
		this.redis.opsForValue()
			.set(this.keys.progress(jobId), this.mapper.writeValueAsString(progress), this.ttl);
	}

	@Override
	public Optional<Progress> progress(String jobId) {
		String json = this.redis.opsForValue().get(this.keys.progress(jobId));
		return Optional.ofNullable(json).map((text) -> this.mapper.readValue(text, Progress.class));
	}

	@Override
	public Optional<ResultRecord> find(String jobId) {
		String json = this.redis.opsForValue().get(this.keys.result(jobId));
		return Optional.ofNullable(json).map(this.codec::decode);
	}

	@Override
	public Optional<ResultRecord> awaitTerminal(String jobId, Duration timeout) {
		CompletableFuture<ResultRecord> done = new CompletableFuture<>();
		TerminalListener listener = new TerminalListener(jobId, done);
		ChannelTopic topic = new ChannelTopic(this.keys.done(jobId));
		startListening();
		this.listeners.addMessageListener(listener, topic);
		try {
			// Covers a job that finished before the subscription (the listener re-checks once the
			// subscription is confirmed, which covers the gap in between).
			listener.checkStored();
			return Optional.of(done.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
		}
		catch (TimeoutException ex) {
			return Optional.empty();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Reading the result of job " + jobId + " failed", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
		finally {
			this.listeners.removeMessageListener(listener, topic);
		}
	}

	/**
	 * Opens the subscription connection on the first wait, so that instances that never wait
	 * (workers, fire-and-forget producers) hold no extra connection.
	 */
	private void startListening() {
		if (!this.listeners.isRunning()) {
			synchronized (this.listeners) {
				if (!this.listeners.isRunning()) {
					this.listeners.start();
				}
			}
		}
	}

	private final class TerminalListener implements MessageListener, SubscriptionListener {

		private final String jobId;

		private final CompletableFuture<ResultRecord> done;

		TerminalListener(String jobId, CompletableFuture<ResultRecord> done) {
			this.jobId = jobId;
			this.done = done;
		}

		@Override
		public void onMessage(Message message, byte[] pattern) {
			this.done.complete(RedisResultStore.this.codec.decode(new String(message.getBody(), StandardCharsets.UTF_8)));
		}

		@Override
		public void onChannelSubscribed(byte[] channel, long count) {
			checkStored();
		}

		void checkStored() {
			try {
				find(this.jobId).filter((record) -> record.status().isTerminal()).ifPresent(this.done::complete);
			}
			catch (RuntimeException ex) {
				this.done.completeExceptionally(ex);
			}
		}

	}

}
