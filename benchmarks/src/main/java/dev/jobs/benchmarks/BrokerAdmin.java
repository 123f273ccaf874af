package dev.jobs.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
	 * Messages ready in a broker queue (a consumer's unacknowledged ones are not counted).
	 * @param brokerQueue the broker queue name
	 * @return the count the broker gives for a passive declaration
	 */
	long depth(String brokerQueue) throws IOException {
		try (Channel channel = this.connection.createChannel()) {
			return channel.queueDeclarePassive(brokerQueue).getMessageCount();
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
	 * The process id of the RabbitMQ node this connection is on, for reading its CPU from
	 * {@code /proc}: the {@code os_pid} its management API gives for the node (port 15672, the
	 * connection's credentials); failing that, the only {@code beam.smp} process on this machine.
	 * @param factory the connection settings
	 * @return the id, or -1 if neither tells
	 */
	static long nodePid(ConnectionFactory factory) {
		try {
			HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
			String auth = Base64.getEncoder()
				.encodeToString((factory.getUsername() + ":" + factory.getPassword()).getBytes(StandardCharsets.UTF_8));
			String base = "http://" + factory.getHost() + ":15672/api/";
			String node = field(get(http, base + "overview?columns=node", auth), "node");
			String pid = field(get(http, base + "nodes/" + URLEncoder.encode(node, StandardCharsets.UTF_8)
					+ "?columns=os_pid", auth), "os_pid");
			return Long.parseLong(pid);
		}
		catch (IOException | RuntimeException ex) {
			return onlyBeam();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return onlyBeam();
		}
	}

	private static String get(HttpClient http, String url, String auth) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url))
			.header("Authorization", "Basic " + auth)
			.timeout(Duration.ofSeconds(5))
			.build();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IOException(url + " answered " + response.statusCode());
		}
		return response.body();
	}

	/** A string or number field of a flat JSON object, enough for the two answers read here. */
	private static String field(String json, String name) {
		Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]+)").matcher(json);
		if (!matcher.find()) {
			throw new IllegalStateException("No " + name + " in " + json);
		}
		return matcher.group(1);
	}

	private static long onlyBeam() {
		List<Long> pids = ProcessHandle.allProcesses()
			.filter((process) -> process.info().command().map((command) -> command.endsWith("/beam.smp")).orElse(false))
			.map(ProcessHandle::pid)
			.toList();
		return (pids.size() == 1) ? pids.get(0) : -1;
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
