package dev.jobs.rabbit;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.jobs.core.port.QueueInspector;
import dev.jobs.core.port.QueueSnapshot;
import dev.jobs.core.port.QueueStats;
import dev.jobs.rabbit.topology.JobQueueSpec;
import dev.jobs.rabbit.topology.JobsTopology;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.AmqpIOException;
import org.springframework.amqp.rabbit.connection.AbstractConnectionFactory;

/**
 * Reads the job queues, the dead-letter queue and the delay levels from RabbitMQ. Each snapshot:
 * <ol>
 * <li>declares the dead-letter queue passively over AMQP, which proves the broker answers
 * (and fails the snapshot when it does not);</li>
 * <li>asks the management HTTP API for every queue's ready, unacknowledged and consumer
 * counts (the broker refreshes them every few seconds), and for the dead letters each quorum
 * queue holds unforwarded, to report a queue whose dead-lettering has stalled
 * ({@link UnforwardedDeadLetters});</li>
 * <li>if the API does not answer, declares every queue passively instead: ready and consumers
 * are then live, and unacknowledged unknown (so too for a queue declared so recently that the
 * API has no numbers for it yet). The API is tried again
 * {@value #API_RETRY_SECONDS} seconds later, not on every snapshot, so a missing plugin costs
 * nothing.</li>
 * </ol>
 * It reads over the consuming connection, which never publishes and so is never blocked by a
 * broker resource alarm.
 */
public final class RabbitQueueInspector implements QueueInspector {

	private static final long API_RETRY_SECONDS = 30;

	/** Forwarding a dead letter takes milliseconds; a count that does not fall for this long is stuck. */
	private static final Duration STALL_AFTER = Duration.ofSeconds(60);

	private static final Log logger = LogFactory.getLog(RabbitQueueInspector.class);

	private final AbstractConnectionFactory connectionFactory;

	private final JobsTopology topology;

	private final ManagementApiClient managementApi;

	private final Clock clock;

	private volatile Instant apiRetryAt = Instant.MIN;

	private final UnforwardedDeadLetters unforwarded = new UnforwardedDeadLetters(STALL_AFTER);

	/**
	 * An inspector of the given queues.
	 * @param connectionFactory the consuming connection factory
	 * @param topology names the queues to read; its job queues are read on each snapshot
	 * @param managementApi where the management API is
	 * @param mapper reads the API's JSON
	 * @param clock the clock
	 */
	public RabbitQueueInspector(AbstractConnectionFactory connectionFactory, JobsTopology topology,
			ManagementApi managementApi, JsonMapper mapper, Clock clock) {
		this.connectionFactory = connectionFactory;
		this.topology = topology;
		this.managementApi = new ManagementApiClient(managementApi, mapper);
		this.clock = clock;
	}

	@Override
	public QueueSnapshot snapshot() {
		Connection connection = this.connectionFactory.createConnection().getDelegate();
		List<String> jobQueues = this.topology.queues().stream().map(JobQueueSpec::name).toList();
		List<String> delayQueues = this.topology.delayQueueNames();
		String deadLetterQueue = this.topology.deadLetterQueue();
		List<String> brokerQueues = new ArrayList<>();
		jobQueues.forEach((queue) -> brokerQueues.add(this.topology.queueName(queue)));
		brokerQueues.add(deadLetterQueue);
		brokerQueues.addAll(delayQueues);
		try (PassiveDeclarations amqp = new PassiveDeclarations(connection)) {
			QueueStats deadLetters = amqp.read(deadLetterQueue);
			Map<String, QueueStats> stats = fromManagementApi(brokerQueues, connection);
			QueueSnapshot.Source source = QueueSnapshot.Source.MANAGEMENT_API;
			if (stats == null) {
				source = QueueSnapshot.Source.AMQP;
				stats = new LinkedHashMap<>();
				stats.put(deadLetterQueue, deadLetters);
			}
			// Queues the API has no numbers for yet, or every queue without the API. AMQP cannot
			// count unforwarded dead letters, so these reads say nothing about a stall.
			Set<String> withoutUnforwarded = new HashSet<>();
			for (String queue : brokerQueues) {
				if (stats.get(queue) == null) {
					stats.put(queue, amqp.read(queue));
					withoutUnforwarded.add(queue);
				}
			}
			return snapshot(jobQueues, delayQueues, stats, withoutUnforwarded, source);
		}
	}

	private QueueSnapshot snapshot(List<String> jobQueues, List<String> delayQueues, Map<String, QueueStats> stats,
			Set<String> withoutUnforwarded, QueueSnapshot.Source source) {
		List<QueueStats> queues = new ArrayList<>();
		for (String queue : jobQueues) {
			QueueStats read = stats.get(this.topology.queueName(queue));
			queues.add(new QueueStats(queue, read.ready(), read.unacked(), read.consumers()));
		}
		long delayed = delayQueues.stream().mapToLong((queue) -> stats.get(queue).messages()).sum();
		Instant now = this.clock.instant();
		List<QueueSnapshot.StalledDeadLetters> stalled = (source == QueueSnapshot.Source.MANAGEMENT_API)
				? this.unforwarded.update(unforwardedCounts(stats, withoutUnforwarded), now) : List.of();
		return new QueueSnapshot(queues, stats.get(this.topology.deadLetterQueue()), delayed, source, now, stalled);
	}

	/**
	 * The counts to track: a queue read without one keeps the episode it is in, since a zero
	 * from it would end an episode the broker never ended.
	 */
	private static Map<String, Long> unforwardedCounts(Map<String, QueueStats> stats, Set<String> withoutUnforwarded) {
		Map<String, Long> counts = new LinkedHashMap<>();
		stats.forEach((queue, read) -> {
			if (!withoutUnforwarded.contains(queue)) {
				counts.put(queue, read.unforwarded());
			}
		});
		return counts;
	}

	private Map<String, QueueStats> fromManagementApi(List<String> brokerQueues, Connection connection) {
		Instant now = this.clock.instant();
		if (now.isBefore(this.apiRetryAt)) {
			return null;
		}
		try {
			Map<String, QueueStats> stats = this.managementApi.read(brokerQueues, connectionInfo(connection));
			if (this.apiRetryAt != Instant.MIN) {
				logger.info("RabbitMQ management API answers again; unacknowledged counts are back");
				this.apiRetryAt = Instant.MIN;
			}
			return stats;
		}
		catch (ManagementApiClient.ManagementApiException ex) {
			if (this.apiRetryAt == Instant.MIN) {
				logger.warn(ex.getMessage() + "; reading queue numbers over AMQP (no unacknowledged counts) and"
						+ " trying the API again every " + API_RETRY_SECONDS + "s. Enable it with"
						+ " 'rabbitmq-plugins enable rabbitmq_management' or set jobs.actuate.management.url");
			}
			this.apiRetryAt = now.plus(Duration.ofSeconds(API_RETRY_SECONDS));
			return null;
		}
	}

	private ManagementApiClient.ConnectionInfo connectionInfo(Connection connection) {
		com.rabbitmq.client.ConnectionFactory factory = this.connectionFactory.getRabbitConnectionFactory();
		return new ManagementApiClient.ConnectionInfo(connection.getAddress(), this.connectionFactory.getVirtualHost(),
				factory.getUsername(), factory.getPassword(), factory.isSSL());
	}

	/**
	 * Passive declarations on a channel of their own. A queue that does not exist closes the
	 * channel, so the next declaration opens another one.
	 */
	private static final class PassiveDeclarations implements AutoCloseable {

		private final Connection connection;

		private Channel channel;

		PassiveDeclarations(Connection connection) {
			this.connection = connection;
		}

		QueueStats read(String queue) {
			try {
				if (this.channel == null || !this.channel.isOpen()) {
					this.channel = this.connection.openChannel()
						.orElseThrow(() -> new IllegalStateException("No channel left on the connection to RabbitMQ"
								+ " for reading queue numbers (channel_max reached)"));
				}
				AMQP.Queue.DeclareOk ok = this.channel.queueDeclarePassive(queue);
				return new QueueStats(queue, ok.getMessageCount(), null, ok.getConsumerCount());
			}
			catch (IOException ex) {
				if (isNotFound(ex)) {
					// The queue is not declared (yet): it holds nothing.
					return new QueueStats(queue, 0, null, 0);
				}
				throw new AmqpIOException(ex);
			}
		}

		private static boolean isNotFound(IOException ex) {
			return ex.getCause() instanceof ShutdownSignalException signal && !signal.isHardError()
					&& signal.getReason() instanceof AMQP.Channel.Close close
					&& close.getReplyCode() == AMQP.NOT_FOUND;
		}

		@Override
		public void close() {
			try {
				if (this.channel != null && this.channel.isOpen()) {
					this.channel.close();
				}
			}
			catch (IOException | TimeoutException | RuntimeException ex) {
				logger.debug("Inspection channel did not close cleanly", ex);
			}
		}

	}

}
