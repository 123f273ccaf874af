package dev.jobs.rabbit.topology;

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

	private void declare(RabbitVersion broker) {
		for (Declarable declarable : this.topology.declarables(broker)) {
			if (declarable instanceof Exchange exchange) {
				this.admin.declareExchange(exchange);
			}
			else if (declarable instanceof Queue queue) {
				this.admin.declareQueue(queue);
			}
			else if (declarable instanceof Binding binding) {
				this.admin.declareBinding(binding);
			}
		}
		logger.debug("Declared jobs topology for queues " + this.topology.queues());
	}

}
