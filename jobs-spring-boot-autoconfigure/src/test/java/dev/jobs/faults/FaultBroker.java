package dev.jobs.faults;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

import static org.awaitility.Awaitility.await;

import dev.jobs.RabbitCtl;

/**
 * The fault suite's own RabbitMQ node, {@code fault@localhost}, on 127.0.0.1:5690 (distribution
 * on 25690), with its files under {@code /tmp/jobs-faults/node}. The suite stops and starts
 * this node as it likes; the shared broker on 5672 is never touched, since other builds run
 * against it at the same time.
 * <p>
 * The node is started once per test JVM and stopped when that JVM exits. It runs as the
 * {@code rabbitmq} user (whose home holds the Erlang cookie {@code rabbitmqctl} needs), from
 * the unwrapped server script, in a session of its own with its output in a file, so that no
 * pipe of the build is held open by the daemon.
 */
final class FaultBroker {

	/** The node's AMQP port. */
	static final int PORT = 5690;

	private static final String NODE = "fault@localhost";

	private static final int DIST_PORT = 25690;

	private static final Path HOME = Path.of("/tmp/jobs-faults/node");

	private static final Duration STARTUP = Duration.ofSeconds(120);

	private static boolean started;

	private FaultBroker() {
	}

	/**
	 * Starts the node unless this JVM already did, and returns once it accepts AMQP
	 * connections. A node left running by an earlier, killed run is stopped first, so every run
	 * begins with an empty node.
	 */
	static synchronized void start() {
		if (started) {
			return;
		}
		if (answers()) {
			rabbitmqctl("stop");
		}
		writeFiles();
		launch();
		rabbitmqctl("wait", HOME.resolve("pid").toString(), "--timeout", "120");
		await().atMost(STARTUP).until(FaultBroker::answers);
		started = true;
		Runtime.getRuntime().addShutdownHook(new Thread(() -> rabbitmqctl("stop"), "fault-broker-stop"));
	}

	/**
	 * Stops the RabbitMQ application on the node, as an outage: every connection drops and
	 * new ones are refused. The Erlang node itself stays up, so {@link #startApp()} is quick.
	 */
	static void stopApp() {
		rabbitmqctl("stop_app");
	}

	/**
	 * Starts the application again and returns once it accepts connections; durable queues come
	 * back with their persistent messages.
	 */
	static void startApp() {
		rabbitmqctl("start_app");
		rabbitmqctl("await_startup");
		await().atMost(STARTUP).until(FaultBroker::answers);
	}

	/**
	 * Whether the node accepts TCP connections on its AMQP port now.
	 * @return {@code true} if a connection could be opened
	 */
	static boolean answers() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), PORT), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * The headers of every message in a queue of the node, read with the plain client and left
	 * in place (every message fetched is given back when the channel closes), so that the test
	 * sees the dead-letter queue as an operator would.
	 * @param queue the broker queue name
	 * @return each message's headers, in queue order
	 */
	static List<Map<String, Object>> headersIn(String queue) {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost("127.0.0.1");
		factory.setPort(PORT);
		try (Connection connection = factory.newConnection("jobs-fault-suite");
				Channel channel = connection.createChannel()) {
			List<Map<String, Object>> headers = new ArrayList<>();
			GetResponse response;
			while ((response = channel.basicGet(queue, false)) != null) {
				Map<String, Object> these = response.getProps().getHeaders();
				headers.add((these != null) ? these : Map.of());
			}
			return headers;
		}
		catch (IOException | TimeoutException ex) {
			throw new IllegalStateException("Cannot read " + queue + " on 127.0.0.1:" + PORT + ": " + ex, ex);
		}
	}

	/**
	 * Runs {@code rabbitmqctl} against this node only.
	 * @param args the command and its arguments
	 * @return the command's output
	 */
	static String rabbitmqctl(String... args) {
		return RabbitCtl.run(NODE, "the fault suite", args);
	}

	private static void writeFiles() {
		try {
			Files.createDirectories(HOME);
			Files.writeString(HOME.resolve("rabbitmq.conf"), "listeners.tcp.1 = 127.0.0.1:" + PORT + "\n"
					+ "loopback_users.guest = true\n");
			// No plugins: the suite needs only AMQP, and each start_app is quicker without them.
			Files.writeString(HOME.resolve("enabled_plugins"), "[].\n");
			Files.writeString(HOME.resolve("env.conf"), String.join("\n", environment()) + "\n");
			Files.deleteIfExists(HOME.resolve("pid"));
			exec("rm", "-rf", HOME.resolve("mnesia").toString());
			exec("chown", "-R", "rabbitmq:rabbitmq", HOME.getParent().toString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot prepare " + HOME + ": " + ex, ex);
		}
	}

	private static List<String> environment() {
		return List.of("NODENAME=" + NODE, "NODE_IP_ADDRESS=127.0.0.1", "NODE_PORT=" + PORT,
				"DIST_PORT=" + DIST_PORT, "MNESIA_BASE=" + HOME.resolve("mnesia"), "LOG_BASE=" + HOME.resolve("log"),
				"CONFIG_FILE=" + HOME.resolve("rabbitmq.conf"),
				// Does not exist: this keeps the system's advanced.config out.
				"ADVANCED_CONFIG_FILE=" + HOME.resolve("advanced.config"),
				"ENABLED_PLUGINS_FILE=" + HOME.resolve("enabled_plugins"), "PID_FILE=" + HOME.resolve("pid"));
	}

	private static void launch() {
		StringBuilder script = new StringBuilder("cd " + HOME + " && export RABBITMQ_CONF_ENV_FILE=" + HOME
				+ "/env.conf ERL_EPMD_ADDRESS=127.0.0.1");
		for (String entry : environment()) {
			script.append(" RABBITMQ_").append(entry);
		}
		script.append(" && exec /usr/lib/rabbitmq/bin/rabbitmq-server");
		File log = HOME.resolve("stdout.log").toFile();
		try {
			// setsid: the node outlives neither a pipe nor the process group of the build.
			new ProcessBuilder("setsid", "su", "rabbitmq", "-s", "/bin/sh", "-c", script.toString())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log))
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start RabbitMQ node " + NODE + ": " + ex, ex);
		}
		await().atMost(STARTUP).until(() -> Files.exists(HOME.resolve("pid")));
	}

	private static void exec(String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			process.getInputStream().readAllBytes();
			process.waitFor(30, TimeUnit.SECONDS);
		}
		catch (IOException ex) {
			throw new IllegalStateException(String.join(" ", command) + " failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
