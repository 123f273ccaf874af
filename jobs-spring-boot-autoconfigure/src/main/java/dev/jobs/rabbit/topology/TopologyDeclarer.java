package dev.jobs.rabbit.topology;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.ShutdownSignalException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionListener;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * Declares the {@link JobsTopology} whenever a connection to the broker opens, so that the
 * queues exist before the first job is published or consumed, and exist again after a broker
 * restart or failover. Declarations are idempotent; a queue that exists with other arguments
 * is a configuration error the broker reports and the log names.
 */
public final class TopologyDeclarer implements ConnectionListener {

	private static final Log logger = LogFactory.getLog(TopologyDeclarer.class);

	private final JobsTopology topology;

	private final RabbitAdmin admin;

	/** Queues that exist with another leader locator, as they were declared. */
	private final Map<String, Queue> declaredBefore = new ConcurrentHashMap<>();

	/**
	 * Creates the declarer.
	 * @param connectionFactory the connection to RabbitMQ
	 * @param topology the topology to declare
	 */
	public TopologyDeclarer(ConnectionFactory connectionFactory, JobsTopology topology) {
		this.topology = topology;
		this.admin = new RabbitAdmin(connectionFactory);
		this.admin.setAutoStartup(false);
		connectionFactory.addConnectionListener(this);
	}

	@Override
	public void onCreate(Connection connection) {
		declare(version(connection.getDelegate()));
	}

	/**
	 * Declares every exchange, queue and binding, with the arguments of the broker's version.
	 * @throws AmqpException if the broker refuses a declaration
	 * @throws IllegalStateException if the broker's version cannot hold the topology
	 */
	public void declare() {
		declare(this.admin.getRabbitTemplate().execute((channel) -> version(channel.getConnection())));
	}

	private static RabbitVersion version(com.rabbitmq.client.Connection connection) {
		return RabbitVersion.parse(String.valueOf(connection.getServerProperties().get("version")));
	}

	/**
	 * Declares every exchange, queue and binding with the arguments of the given broker version.
	 * @param broker the version of the broker declared on
	 */
	void declare(RabbitVersion broker) {
		for (Declarable declarable : this.topology.declarables(broker)) {
			if (declarable instanceof Exchange exchange) {
				this.admin.declareExchange(exchange);
			}
			else if (declarable instanceof Queue queue) {
				declareQueue(queue, broker);
			}
			else if (declarable instanceof Binding binding) {
				this.admin.declareBinding(binding);
			}
		}
		logger.debug("Declared jobs topology for queues " + this.topology.queues());
	}

	/**
	 * Two kinds of queue that an earlier version declared differently are used as they are,
	 * because refusing them would fail every connection and stop every job:
	 * <ul>
	 * <li>a queue without {@code x-queue-leader-locator}, which only places a new queue's
	 * leader; the broker refuses to add it to an existing queue, so the queue is declared again
	 * as it was, and its leader stays where it is;</li>
	 * <li>on RabbitMQ 4, a dead-letter queue without {@code x-delivery-limit: -1}; the log says
	 * what it risks and how to fix it.</li>
	 * </ul>
	 * Any other mismatch is a configuration error the broker names, and fails the declaration.
	 */
	private void declareQueue(Queue wanted, RabbitVersion broker) {
		Queue queue = this.declaredBefore.getOrDefault(wanted.getName(), wanted);
		try {
			this.admin.declareQueue(queue);
			return;
		}
		catch (AmqpException ex) {
			if (!isPreconditionFailed(ex)) {
				throw ex;
			}
			if (redeclaredAsItWas(queue)) {
				return;
			}
			if (!queue.getName().equals(this.topology.deadLetterQueue()) || !broker.isAtLeast(4, 0)) {
				throw ex;
			}
			logger.error("Dead-letter queue " + queue.getName() + " exists with other arguments than "
					+ queue.getArguments() + " on RabbitMQ " + broker + "; using it as it is. On RabbitMQ 4 a quorum"
					+ " queue without x-delivery-limit -1 drops a message returned 20 times, so browsing it often"
					+ " can lose entries: move its messages to a new queue (a shovel), delete it, and the next"
					+ " connection declares it with no delivery limit", ex);
		}
	}

	/**
	 * Tries each way the queue may have been declared before, the one that worked remembered,
	 * so that each reconnect declares it at once (every refused declaration closes a channel
	 * and logs an error).
	 */
	private boolean redeclaredAsItWas(Queue queue) {
		for (Queue before : this.topology.leaderLocatorAlternatives(queue)) {
			try {
				this.admin.declareQueue(before);
			}
			catch (AmqpException ex) {
				if (isPreconditionFailed(ex)) {
					continue;
				}
				throw ex;
			}
			this.declaredBefore.put(queue.getName(), before);
			logger.info("Queue " + queue.getName() + " exists with leader locator "
					+ Objects.requireNonNullElse(JobsTopology.leaderLocatorOf(before), "(none)") + "; using it as it is"
					+ " (the argument only places a new queue's leader)");
			return true;
		}
		return false;
	}

	private static boolean isPreconditionFailed(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ShutdownSignalException signal && signal.getReason() instanceof AMQP.Channel.Close close
					&& close.getReplyCode() == AMQP.PRECONDITION_FAILED) {
				return true;
			}
		}
		return false;
	}

}
