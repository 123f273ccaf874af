package dev.jobs.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

/**
 * What the benchmark does to the broker by hand, on a plain-client connection of its own, as an
 * operator would: empties queues, takes a message off one, and on close deletes every queue the
 * run created.
 */
final class BrokerAdmin implements AutoCloseable {

	private final Connection connection;

	private final List<String> owned = new ArrayList<>();

	BrokerAdmin(ConnectionFactory factory) throws IOException, TimeoutException {
		this.connection = factory.newConnection("jobs-bench-admin");
	}

	/**
	 * Marks a broker queue as this run's, to be deleted on close.
	 * @param brokerQueue the broker queue name
	 */
	void own(String brokerQueue) {
		this.owned.add(brokerQueue);
	}

	/**
	 * Empties a broker queue.
	 * @param brokerQueue the broker queue name
	 */
	void purge(String brokerQueue) throws IOException {
		try (Channel channel = this.connection.createChannel()) {
			channel.queuePurge(brokerQueue);
		}
		catch (TimeoutException ex) {
			throw new IOException(ex);
		}
	}

	/**
	 * Takes the first message off a broker queue, with its properties as the publisher sent
	 * them (without the headers the broker adds on the way).
	 * @param brokerQueue the broker queue name
	 * @return the message
	 * @throws IllegalStateException if the queue is empty
	 */
	SampleMessage take(String brokerQueue) throws IOException, TimeoutException {
		try (Channel channel = this.connection.createChannel()) {
			GetResponse message = channel.basicGet(brokerQueue, true);
			if (message == null) {
				throw new IllegalStateException("Expected a message in " + brokerQueue + " but it is empty");
			}
			return new SampleMessage(asPublished(message.getProps()), message.getBody());
		}
	}

	private static AMQP.BasicProperties asPublished(AMQP.BasicProperties delivered) {
		Map<String, Object> headers = new LinkedHashMap<>();
		if (delivered.getHeaders() != null) {
			delivered.getHeaders().forEach((name, value) -> {
				if (!name.equals("x-delivery-count") && !name.startsWith("x-death") && !name.startsWith("x-first-death")
						&& !name.startsWith("x-last-death")) {
					headers.put(name, value);
				}
			});
		}
		return delivered.builder().headers(headers).build();
	}

	/**
	 * The broker's version, for the report.
	 * @return the version
	 */
	String version() {
		return String.valueOf(this.connection.getServerProperties().get("version"));
	}

	/**
	 * Deletes the queues this run owns and closes the connection. Failures are reported, not
	 * thrown: the other queues are still deleted.
	 */
	@Override
	public void close() {
		for (String name : this.owned) {
			try (Channel channel = this.connection.createChannel()) {
				channel.queueDelete(name);
			}
			catch (IOException | TimeoutException | RuntimeException ex) {
				System.err.println("Could not delete queue " + name + ": " + ex);
			}
		}
		try {
			this.connection.close();
		}
		catch (IOException | RuntimeException ex) {
			System.err.println("Could not close the admin connection: " + ex);
		}
	}

	/**
	 * A job message as the starter publishes it.
	 *
	 * @param properties its properties and headers
	 * @param body its body
	 */
	record SampleMessage(AMQP.BasicProperties properties, byte[] body) {

	}

}
