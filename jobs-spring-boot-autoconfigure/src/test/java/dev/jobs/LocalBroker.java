package dev.jobs;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

/**
 * The RabbitMQ the integration tests run against (localhost:5672, guest/guest), reached with the
 * plain Java client so that a test observes the broker as an operator would, not through the
 * code under test.
 */
public final class LocalBroker {

	private LocalBroker() {
	}

	/**
	 * A plain client connection factory for the local broker.
	 * @return the factory
	 */
	public static ConnectionFactory connectionFactory() {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost("127.0.0.1");
		factory.setPort(5672);
		factory.setUsername("guest");
		factory.setPassword("guest");
		return factory;
	}

	/**
	 * Runs an action on a fresh channel.
	 * @param action what to do
	 * @param <T> the result type
	 * @return the action's result
	 */
	public static <T> T withChannel(ChannelAction<T> action) {
		try (Connection connection = connectionFactory().newConnection("jobs-tests");
				Channel channel = connection.createChannel()) {
			return action.apply(channel);
		}
		catch (IOException | TimeoutException ex) {
			throw new IllegalStateException("RabbitMQ on 127.0.0.1:5672 is not usable: " + ex, ex);
		}
	}

	/**
	 * Deletes every queue and exchange of one namespace: those named by the prefix itself or
	 * starting with the prefix and a dot.
	 * @param prefix the namespace's {@code jobs.rabbit.prefix}
	 */
	public static void deleteNamespace(String prefix) {
		List<String> queues = namesOf(rabbitmqctl("list_queues", "-q", "--no-table-headers", "name"), prefix);
		List<String> exchanges = namesOf(rabbitmqctl("list_exchanges", "-q", "--no-table-headers", "name"), prefix);
		withChannel((channel) -> {
			for (String queue : queues) {
				channel.queueDelete(queue);
			}
			for (String exchange : exchanges) {
				channel.exchangeDelete(exchange);
			}
			return null;
		});
	}

	private static List<String> namesOf(String listing, String prefix) {
		List<String> names = new ArrayList<>();
		for (String line : listing.split("\n")) {
			String name = line.trim();
			if (name.equals(prefix) || name.startsWith(prefix + ".")) {
				names.add(name);
			}
		}
		return names;
	}

	/**
	 * How many messages are ready in a broker queue.
	 * @param queue the broker queue name
	 * @return the ready count
	 */
	public static long messageCount(String queue) {
		return withChannel((channel) -> channel.messageCount(queue));
	}

	/**
	 * Reads every letter of a dead-letter queue without taking it off the queue: every message
	 * fetched is given back when the channel closes.
	 * @param deadLetterQueue the broker name of the dead-letter queue
	 * @return the dead letters, in queue order
	 */
	public static List<Letter> deadLetters(String deadLetterQueue) {
		return withChannel((channel) -> {
			List<Letter> letters = new ArrayList<>();
			GetResponse response;
			while ((response = channel.basicGet(deadLetterQueue, false)) != null) {
				letters.add(new Letter(new String(response.getBody(), StandardCharsets.UTF_8), response.getProps()));
			}
			return letters;
		});
	}

	/**
	 * Closes, on the broker side, every connection whose client-provided name is the given one,
	 * as a network failure or a broker-side kill would.
	 * @param connectionName the client-provided connection name
	 * @return how many connections were closed
	 */
	public static int closeConnectionsNamed(String connectionName) {
		String listing = rabbitmqctl("list_connections", "-q", "--no-table-headers", "pid", "client_properties");
		Pattern pid = Pattern.compile("^(<[^>]+>)\\s.*\"connection_name\",(?:longstr,)?\""
				+ Pattern.quote(connectionName) + "\"", Pattern.MULTILINE);
		Matcher matcher = pid.matcher(listing);
		int closed = 0;
		while (matcher.find()) {
			rabbitmqctl("close_connection", matcher.group(1), "closed by a fault test");
			closed++;
		}
		return closed;
	}

	/**
	 * A queue's counts as {@code rabbitmqctl list_queues} shows them to an operator. For a quorum
	 * queue they are as of the queue's last tick, up to about 5 s old: await them.
	 * @param queue the broker queue name
	 * @return its counts
	 * @throws AssertionError if the broker does not list the queue
	 */
	public static QueueCounts listedCounts(String queue) {
		String output = rabbitmqctl("list_queues", "-q", "--no-table-headers", "name", "messages_ready",
				"messages_unacknowledged", "consumers");
		for (String line : output.split("\n")) {
			String[] columns = line.trim().split("\\s+");
			if (columns.length == 4 && columns[0].equals(queue)) {
				return new QueueCounts(Long.parseLong(columns[1]), Long.parseLong(columns[2]),
						Long.parseLong(columns[3]));
			}
		}
		throw new AssertionError("rabbitmqctl list_queues does not list " + queue + ":\n" + output);
	}

	/**
	 * How many dead-lettered messages a quorum queue holds until their target confirms them, as
	 * the management API shows them to an operator ({@code messages_dlx}; {@code rabbitmqctl}
	 * does not list it).
	 * @param queue the broker queue name, in the default virtual host
	 * @return the count
	 */
	public static long listedUnforwarded(String queue) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:15672/api/queues/%2F/"
					+ URLEncoder.encode(queue, StandardCharsets.UTF_8) + "?columns=messages_dlx"))
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8)))
			.timeout(Duration.ofSeconds(10))
			.build();
		try {
			String body = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
			Matcher count = Pattern.compile("\"messages_dlx\":(\\d+)").matcher(body);
			if (!count.find()) {
				throw new AssertionError("The management API shows no messages_dlx for " + queue + ": " + body);
			}
			return Long.parseLong(count.group(1));
		}
		catch (IOException ex) {
			throw new IllegalStateException("RabbitMQ management API on 127.0.0.1:15672 is not usable: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A queue's type and arguments as {@code rabbitmqctl list_queues} shows them.
	 * @param queue the broker queue name
	 * @return the type ({@code quorum} or {@code classic}) followed by the arguments
	 * @throws AssertionError if the broker does not list the queue
	 */
	public static String listedTypeAndArguments(String queue) {
		String output = rabbitmqctl("list_queues", "-q", "--no-table-headers", "name", "type", "arguments");
		for (String line : output.split("\n")) {
			String[] columns = line.trim().split("\\s+", 2);
			if (columns.length == 2 && columns[0].equals(queue)) {
				return columns[1];
			}
		}
		throw new AssertionError("rabbitmqctl list_queues does not list " + queue + ":\n" + output);
	}

	private static String rabbitmqctl(String... args) {
		List<String> command = new ArrayList<>();
		command.add("rabbitmqctl");
		command.addAll(List.of(args));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("rabbitmqctl " + String.join(" ", args) + " failed: " + output);
			}
			return output;
		}
		catch (IOException ex) {
			throw new IllegalStateException("rabbitmqctl is needed for broker fault tests: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A queue's counts as {@code rabbitmqctl} lists them.
	 *
	 * @param ready messages ready for delivery
	 * @param unacked messages delivered and not yet acknowledged
	 * @param consumers consumers on the queue
	 */
	public record QueueCounts(long ready, long unacked, long consumers) {

		/**
		 * Ready and unacknowledged together: the messages the queue still holds.
		 * @return the total
		 */
		public long held() {
			return this.ready + this.unacked;
		}

	}

	/**
	 * Something to do on a channel.
	 * @param <T> the result type
	 */
	@FunctionalInterface
	public interface ChannelAction<T> {

		T apply(Channel channel) throws IOException;

	}

	/**
	 * A dead letter as it sits in the queue.
	 * @param body the body text
	 * @param properties its message properties
	 */
	public record Letter(String body, AMQP.BasicProperties properties) {

		public Map<String, Object> headers() {
			return (this.properties.getHeaders() != null) ? this.properties.getHeaders() : Map.of();
		}

		public String header(String name) {
			Object value = headers().get(name);
			return (value != null) ? value.toString() : null;
		}

	}

}
