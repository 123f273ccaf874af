package dev.jobs.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.jobs.core.envelope.ResultRecordCodec;
import dev.jobs.core.port.ResultRecord;
import dev.jobs.core.port.ResultStore;

import org.springframework.beans.factory.DisposableBean;
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
 * the same script, so a waiter in any instance wakes up at once without polling.
 */
public final class RedisResultStore implements ResultStore, DisposableBean {

	private final StringRedisTemplate redis;

	private final RedisMessageListenerContainer listeners;

	private static final Log logger = LogFactory.getLog(RedisResultStore.class);

	private final RedisKeys keys;

	private final ResultRecordCodec codec;

	private final String ttlMillis;

	private final ThreadPoolExecutor startedWriter = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
			new ArrayBlockingQueue<>(10_000), (runnable) -> {
				Thread thread = new Thread(runnable, "jobs-started-writer");
				thread.setDaemon(true);
				return thread;
			}, new ThreadPoolExecutor.DiscardPolicy());

	/**
	 * A store on the given connection factory.
	 * @param connectionFactory the Redis connection factory
	 * @param keys the key names
	 * @param codec the result record codec
	 * @param ttl how long records are kept
	 */
	public RedisResultStore(RedisConnectionFactory connectionFactory, RedisKeys keys, ResultRecordCodec codec,
			Duration ttl) {
		this.redis = new StringRedisTemplate(connectionFactory);
		this.listeners = new RedisMessageListenerContainer();
		this.listeners.setConnectionFactory(connectionFactory);
		this.listeners.afterPropertiesSet();
		this.keys = keys;
		this.codec = codec;
		this.ttlMillis = Long.toString(ttl.toMillis());
	}

	@Override
	public void destroy() throws Exception {
		this.startedWriter.shutdown();
		this.listeners.destroy();
	}

	/**
	 * Hands the write to a background thread and returns: the worker never waits for a
	 * {@code STARTED} record. The script refuses to overwrite a terminal record, so a write that
	 * lands late cannot hide a result; when the queue of pending writes is full, the record is
	 * dropped, which costs only a missing {@code STARTED} status.
	 */
	@Override
	public void recordStarted(ResultRecord record) {
		String json = this.codec.encode(record);
		List<String> key = List.of(this.keys.result(record.id()));
		try {
			this.startedWriter.execute(() -> writeStarted(key, json));
		}
		catch (RejectedExecutionException ex) {
			// Full or shut down: the STARTED status is informational.
		}
	}

	private void writeStarted(List<String> key, String json) {
		try {
			this.redis.execute(RedisScripts.RECORD_STARTED, key, json, this.ttlMillis);
		}
		catch (RuntimeException ex) {
			// Redis unreachable: the final record, which the worker does wait for, will fail
			// loudly and hold the job back; this informational one need not add to the noise.
			logger.debug("STARTED record not written to Redis", ex);
		}
	}

	@Override
	public void record(ResultRecord record) {
		String channel = record.status().isTerminal() ? this.keys.done(record.id()) : "";
		this.redis.execute(RedisScripts.RECORD_RESULT, List.of(this.keys.result(record.id())),
				this.codec.encode(record), this.ttlMillis, channel);
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
