package dev.jobs.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.RedisTemplate;

/**
 * Waits, after a claim that must survive a failover, until replicas hold it ({@code WAIT}).
 * Redis replicates asynchronously: a master that acknowledged an idempotency claim, a lock, a
 * unique claim or a schedule claim and died before sending it on leaves a promoted replica
 * without it, and a second instance could then claim the same key and run the same effect.
 * <ol>
 * <li>{@code WAIT n timeout} goes over the connection the claim went over (Lettuce shares one
 * connection for a template's commands), so it covers the claim and every write before it.</li>
 * <li>Fewer acknowledgements than asked for within the timeout do not fail the claim: its
 * master holds it, and with no replica in sync there is nothing a failover could promote
 * without it. They are logged, and for {@value #BACK_OFF_SECONDS} seconds no {@code WAIT} is
 * sent, so a dead replica costs one timeout every few seconds, not one per claim (a {@code WAIT}
 * holds the shared connection while it waits).</li>
 * </ol>
 * Not for Redis Cluster: there the claim goes over one master's connection inside Lettuce,
 * which a {@code WAIT} sent through Spring Data does not reach.
 */
public final class ReplicaAcks {

	/** Sends no {@code WAIT}: a single Redis, or acknowledgements turned off. */
	public static final ReplicaAcks NONE = new ReplicaAcks(0, Duration.ZERO);

	static final long BACK_OFF_SECONDS = 10;

	/** How much longer than its own timeout a WAIT's reply may take to arrive. */
	private static final long WAIT_SLACK_MILLIS = 1000;

	private static final Log logger = LogFactory.getLog(ReplicaAcks.class);

	private final int replicas;

	private final byte[] replicasArg;

	private final byte[] timeoutArg;

	private final long timeoutMillis;

	private final Duration timeout;

	private volatile long quietUntil = System.nanoTime();

	/**
	 * Acknowledgements of a number of replicas.
	 * @param replicas how many replicas must acknowledge; 0 for none
	 * @param timeout how long to wait for them
	 */
	public ReplicaAcks(int replicas, Duration timeout) {
		this.replicas = replicas;
		this.timeout = timeout;
		this.replicasArg = Integer.toString(replicas).getBytes(StandardCharsets.US_ASCII);
		this.timeoutMillis = Math.max(1, timeout.toMillis());
		this.timeoutArg = Long.toString(this.timeoutMillis).getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * How many replicas a claim waits for.
	 * @return the number; 0 when no {@code WAIT} is sent
	 */
	public int replicas() {
		return this.replicas;
	}

	/**
	 * Waits until the replicas hold the writes made so far over the template's connection.
	 * @param redis the template the claim went through
	 * @param claim what was claimed, for the log
	 */
	public void await(RedisTemplate<?, ?> redis, String claim) {
		if (this.replicas == 0 || System.nanoTime() - this.quietUntil < 0) {
			return;
		}
		Long reply = redis.execute((RedisCallback<Long>) (connection) -> {
			// Lettuce's own command, on the connection the template shares: Spring Data's
			// execute(String, ...) reads every reply as bytes and cannot take WAIT's integer.
			if (connection.getNativeConnection() instanceof RedisClusterAsyncCommands<?, ?> lettuce) {
				try {
					return lettuce.waitForReplication(this.replicas, this.timeoutMillis)
						.get(this.timeoutMillis + WAIT_SLACK_MILLIS, TimeUnit.MILLISECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return null;
				}
				catch (ExecutionException | TimeoutException ex) {
					throw new IllegalStateException("WAIT " + this.replicas + " " + this.timeoutMillis + " failed: " + ex,
							ex);
				}
			}
			Object bytes = connection.execute("WAIT", this.replicasArg, this.timeoutArg);
			return (bytes instanceof byte[] text) ? Long.valueOf(new String(text, StandardCharsets.US_ASCII)) : null;
		});
		long acknowledged = (reply != null) ? reply : -1;
		if (acknowledged < this.replicas) {
			this.quietUntil = System.nanoTime() + Duration.ofSeconds(BACK_OFF_SECONDS).toNanos();
			logger.warn(claim + " was acknowledged by " + Math.max(0, acknowledged) + " of " + this.replicas
					+ " replicas within " + this.timeout + " (jobs.redis.replica-acks); it is used as its master holds"
					+ " it, and no WAIT is sent for " + BACK_OFF_SECONDS + " s");
		}
	}

}
