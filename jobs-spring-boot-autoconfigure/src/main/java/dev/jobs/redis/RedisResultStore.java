package dev.jobs.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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

	/**
	 * How long a batch split by hash slot waits for all its calls at most, on top of the client's
	 * own command timeout, which normally ends a call to a dead master first.
	 */
	static final Duration GROUPS_TIMEOUT = Duration.ofSeconds(30);

	/** How often a wait reads the stored record again, in case its announcement was missed. */
	static final long RECHECK_SECONDS = 2;

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

	private final SlotGroups slots;

	private final ReplicaAcks replicaAcks;

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
		this(connectionFactory, keys, mapper, ttl, startedAfter, ReplicaAcks.NONE);
	}

	/**
	 * A store on the given connection factory whose worker records wait for replicas.
	 * @param connectionFactory the Redis connection factory
	 * @param keys the key names
	 * @param mapper the job JSON mapper, which writes and reads the records
	 * @param ttl how long records are kept
	 * @param startedAfter how long a job must have been running before its {@code STARTED} record
	 * is written
	 * @param replicaAcks what each batch of worker records waits for before its jobs are
	 * acknowledged: one {@code WAIT} a batch, so that a failover right after cannot forget the
	 * result of a job the broker no longer holds
	 */
	public RedisResultStore(RedisConnectionFactory connectionFactory, RedisKeys keys, JsonMapper mapper, Duration ttl,
			Duration startedAfter, ReplicaAcks replicaAcks) {
		this.replicaAcks = replicaAcks;
		this.redis = new StringRedisTemplate(connectionFactory);
		this.listeners = new RedisMessageListenerContainer();
		this.listeners.setConnectionFactory(connectionFactory);
		this.listeners.afterPropertiesSet();
		this.keys = keys;
		this.slots = SlotGroups.of(connectionFactory);
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
	 * argument a record: the script reads the run from the record and the status is known. On a
	 * Redis Cluster, one call per hash slot, sent together.
	 */
	private void writePending(List<JobEnvelope> jobs) {
		List<List<JobEnvelope>> groups = this.slots.split(jobs, (job) -> this.keys.result(job.id()));
		if (groups.size() == 1) {
			RedisScripts.run(this.redis, RedisScripts.RECORD_RESULTS, jobs.size(), pendingCall(jobs));
			return;
		}
		List<RedisScripts.Call> calls = groups.stream()
			.map((group) -> new RedisScripts.Call(group.size(), pendingCall(group)))
			.toList();
		List<Throwable> failures = RedisScripts.runEach(this.redis, RedisScripts.RECORD_RESULTS, calls, GROUPS_TIMEOUT);
		int failed = 0;
		Throwable first = null;
		for (int i = 0; i < failures.size(); i++) {
			if (failures.get(i) != null) {
				failed += groups.get(i).size();
				first = (first != null) ? first : failures.get(i);
			}
		}
		if (first != null) {
			throw new IllegalStateException("PENDING records of " + failed + " of " + jobs.size()
					+ " jobs not written to the Redis Cluster: " + first, first);
		}
	}

	private byte[][] pendingCall(List<JobEnvelope> jobs) {
		int count = jobs.size();
		byte[][] keysAndArgs = new byte[3 + count * 4][];
		indexArgs(keysAndArgs, count);
		for (int i = 0; i < count; i++) {
			JobEnvelope job = jobs.get(i);
			keysAndArgs[i] = this.keys.result(job.id()).getBytes(StandardCharsets.UTF_8);
			int args = count + 3 + 3 * i;
			keysAndArgs[args] = this.codec
				.encode(ResultRecord.of(job, job.queue(), JobStatus.PENDING).attempts(job.attempt() - 1));
			keysAndArgs[args + 1] = job.task().getBytes(StandardCharsets.UTF_8);
			keysAndArgs[args + 2] = score(job.enqueuedAt());
		}
		return keysAndArgs;
	}

	private BatchedResultWriter.Write write(ResultRecord record) {
		String channel = record.status().isTerminal() ? this.keys.done(record.id()) : "";
		return new BatchedResultWriter.Write(record.id(), this.keys.result(record.id()), this.codec.encode(record),
				record.run(), record.status(), channel, (record.task() != null) ? record.task() : "",
				(record.enqueuedAt() != null) ? record.enqueuedAt().toEpochMilli() : System.currentTimeMillis());
	}

	private void writeOne(BatchedResultWriter.Write write) {
		writeBatch(List.of(write));
	}

	/**
	 * The arguments every call of {@code record_results.lua} opens with: the time to live, the
	 * prefix of the search indexes (none on a Redis Cluster, where they would sit in other slots
	 * than the records) and the score below which index entries are trimmed.
	 */
	private void indexArgs(byte[][] keysAndArgs, int count) {
		keysAndArgs[count] = this.ttlMillis;
		keysAndArgs[count + 1] = this.slots.cluster() ? new byte[0]
				: this.keys.index("").getBytes(StandardCharsets.UTF_8);
		keysAndArgs[count + 2] = Long.toString(System.currentTimeMillis() - this.ttl.toMillis())
			.getBytes(StandardCharsets.US_ASCII);
	}

	private static byte[] score(Instant at) {
		long millis = (at != null) ? at.toEpochMilli() : System.currentTimeMillis();
		return Long.toString(millis).getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * Stores the records with {@code record_results.lua}, which refuses those that would step
	 * back: in one call, or on a Redis Cluster in one call per hash slot, sent together. Groups
	 * that fail (a master failing over, a slot moving) fail only their own records, which the
	 * worker stores again as it does in any Redis outage.
	 */
	private void writeBatch(List<BatchedResultWriter.Write> batch) {
		List<List<BatchedResultWriter.Write>> groups = this.slots.split(batch, BatchedResultWriter.Write::key);
		if (groups.size() == 1) {
			RedisScripts.run(this.redis, RedisScripts.RECORD_RESULTS, batch.size(), resultCall(batch));
			this.replicaAcks.await(this.redis, "The result records of " + batch.size() + " jobs");
			return;
		}
		List<RedisScripts.Call> calls = groups.stream()
			.map((group) -> new RedisScripts.Call(group.size(), resultCall(group)))
			.toList();
		List<Throwable> failures = RedisScripts.runEach(this.redis, RedisScripts.RECORD_RESULTS, calls, GROUPS_TIMEOUT);
		Map<BatchedResultWriter.Write, Throwable> failed = new IdentityHashMap<>();
		for (int i = 0; i < failures.size(); i++) {
			Throwable failure = failures.get(i);
			if (failure != null) {
				groups.get(i).forEach((write) -> failed.put(write, failure));
			}
		}
		if (!failed.isEmpty()) {
			throw new BatchedResultWriter.PartlyWritten(failed);
		}
	}

	private byte[][] resultCall(List<BatchedResultWriter.Write> batch) {
		int count = batch.size();
		byte[][] keysAndArgs = new byte[3 + count * 7][];
		indexArgs(keysAndArgs, count);
		for (int i = 0; i < count; i++) {
			BatchedResultWriter.Write write = batch.get(i);
			keysAndArgs[i] = write.key().getBytes(StandardCharsets.UTF_8);
			int args = count + 3 + 6 * i;
			keysAndArgs[args] = write.record();
			keysAndArgs[args + 1] = Integer.toString(write.run()).getBytes(StandardCharsets.US_ASCII);
			keysAndArgs[args + 2] = STATUS_NAMES[write.status().ordinal()];
			keysAndArgs[args + 3] = write.channel().getBytes(StandardCharsets.UTF_8);
			keysAndArgs[args + 4] = write.task().getBytes(StandardCharsets.UTF_8);
			keysAndArgs[args + 5] = Long.toString(write.score()).getBytes(StandardCharsets.US_ASCII);
		}
		return keysAndArgs;
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
		boolean subscribed = subscribe(listener, topic);
		try {
			// Covers a job that finished before the subscription (the listener re-checks once the
			// subscription is confirmed, which covers the gap in between). A read that fails here
			// (the master of the record's slot failing over) is left to the re-reads; only the
			// last read, at the timeout, fails the wait.
			listener.recheckStored();
			return Optional.of(awaitOrRecheck(done, listener, timeout));
		}
		catch (TimeoutException ex) {
			try {
				return find(jobId).filter((record) -> record.status().isTerminal());
			}
			catch (RuntimeException readFailed) {
				throw new IllegalStateException("Reading the result of job " + jobId + " failed", readFailed);
			}
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Reading the result of job " + jobId + " failed", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
		finally {
			if (subscribed) {
				unsubscribe(listener, topic);
			}
		}
	}

	/**
	 * Subscribes a wait to its job's channel. A subscription that Redis does not confirm in
	 * time (its connection reconnecting after a failover) leaves the wait to its re-reads of
	 * the stored record, rather than failing a wait for a job that will finish.
	 */
	private boolean subscribe(TerminalListener listener, ChannelTopic topic) {
		try {
			startListening();
			this.listeners.addMessageListener(listener, topic);
			return true;
		}
		catch (RuntimeException ex) {
			logger.debug(LogMessage.format("Waiting for job %s by reading its record every %d s: subscribing to %s"
					+ " failed", listener.jobId, RECHECK_SECONDS, topic.getTopic()), ex);
			return false;
		}
	}

	private void unsubscribe(TerminalListener listener, ChannelTopic topic) {
		try {
			this.listeners.removeMessageListener(listener, topic);
		}
		catch (RuntimeException ex) {
			logger.debug(LogMessage.format("Unsubscribing from %s failed", topic.getTopic()), ex);
		}
	}

	/**
	 * Waits for the announcement, reading the stored record again every
	 * {@value #RECHECK_SECONDS} seconds: Pub/Sub is fire-and-forget, and an announcement sent
	 * while the subscription reconnects (a Redis failover, a Cluster node lost) is never
	 * delivered, so without the re-read such a wait would last its whole timeout.
	 */
	private static ResultRecord awaitOrRecheck(CompletableFuture<ResultRecord> done, TerminalListener listener,
			Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			long left = deadline - System.nanoTime();
			try {
				return done.get(Math.min(left, TimeUnit.SECONDS.toNanos(RECHECK_SECONDS)), TimeUnit.NANOSECONDS);
			}
			catch (TimeoutException ex) {
				if (deadline - System.nanoTime() <= 0) {
					throw ex;
				}
				listener.recheckStored();
			}
		}
	}

	/**
	 * Opens the subscription connection on the first wait, so that instances that never wait
	 * (workers, fire-and-forget producers) hold no extra connection. The subscription keeps one
	 * channel nobody publishes on ({@link RedisKeys#waiting()}) for as long as it is open, so
	 * that the end of the last wait never closes it under a wait that is starting.
	 */
	private void startListening() {
		if (!this.listeners.isRunning()) {
			synchronized (this.listeners) {
				if (!this.listeners.isRunning()) {
					this.listeners.addMessageListener((message, pattern) -> {
					}, new ChannelTopic(this.keys.waiting()));
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
			recheckStored();
		}

		/**
		 * Reads the record again during a wait; a read that fails (Redis failing over) is
		 * left to the next one, as the job's end is still to come.
		 */
		void recheckStored() {
			try {
				find(this.jobId).filter((record) -> record.status().isTerminal()).ifPresent(this.done::complete);
			}
			catch (RuntimeException ex) {
				logger.debug(LogMessage.format("Reading the record of job %s during a wait failed", this.jobId), ex);
			}
		}

	}

}
