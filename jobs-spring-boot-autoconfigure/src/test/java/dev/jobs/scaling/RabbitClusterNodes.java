package dev.jobs.scaling;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

import dev.jobs.RabbitCtl;

/**
 * The scale-out suite's own 3-node RabbitMQ cluster: nodes {@code c1@localhost} to
 * {@code c3@localhost}, AMQP on 127.0.0.1:5681–5683, management on 15681–15683, distribution
 * on 25681–25683, each with its files under {@code /tmp/jobs-scaling/rmq/cN}. The shared
 * broker on 5672 and the fault suite's node on 5690 are never touched, since other builds run
 * against them at the same time.
 * <p>
 * The cluster is started once per test JVM ({@link #start()}) and stopped when that JVM exits.
 * Each node runs as the {@code rabbitmq} user (whose home holds the Erlang cookie the nodes and
 * {@code rabbitmqctl} share), from the unwrapped server script, in a session of its own with
 * its output in a file, so that no pipe of the build is held open by a daemon. Every process
 * this class stops is one of its own nodes, found by the PID in that node's pid file.
 */
public final class RabbitClusterNodes implements AutoCloseable {

	private static final int NODES = 3;

	private static final Path BASE = Path.of("/tmp/jobs-scaling/rmq");

	private static final Duration STARTUP = Duration.ofSeconds(120);

	private static RabbitClusterNodes running;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private RabbitClusterNodes() {
	}

	/**
	 * Starts the cluster unless this JVM already did, and returns once all three nodes are
	 * joined and accept AMQP connections. Nodes left running by an earlier, killed run are
	 * stopped first and every data directory is emptied, so each run begins with a fresh
	 * cluster.
	 * @return the running cluster
	 */
	public static synchronized RabbitClusterNodes start() {
		if (running != null) {
			return running;
		}
		RabbitClusterNodes cluster = new RabbitClusterNodes();
		for (int node = 1; node <= NODES; node++) {
			cluster.stopLeftover(node);
		}
		for (int node = 1; node <= NODES; node++) {
			writeFiles(node);
		}
		// Launched together: each boot takes seconds of Erlang start-up that need not queue.
		for (int node = 1; node <= NODES; node++) {
			launch(node);
		}
		for (int node = 1; node <= NODES; node++) {
			rabbitmqctl(node, "wait", home(node).resolve("pid").toString(), "--timeout", "120");
		}
		for (int node = 2; node <= NODES; node++) {
			rabbitmqctl(node, "stop_app");
			rabbitmqctl(node, "join_cluster", nodeName(1));
			rabbitmqctl(node, "start_app");
		}
		for (int node = 1; node <= NODES; node++) {
			int each = node;
			await().atMost(STARTUP).until(() -> cluster.answers(each));
		}
		cluster.awaitJoined(1);
		running = cluster;
		Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "rabbit-cluster-stop"));
		return cluster;
	}

	/**
	 * The addresses of all three nodes, in node order, as {@code spring.rabbitmq.addresses}
	 * takes them.
	 * @return {@code 127.0.0.1:5681,127.0.0.1:5682,127.0.0.1:5683}
	 */
	public String addresses() {
		return IntStream.rangeClosed(1, NODES)
			.mapToObj((node) -> "127.0.0.1:" + amqpPort(node))
			.collect(Collectors.joining(","));
	}

	/**
	 * The AMQP port of a node.
	 * @param node the node, 1 to 3
	 * @return its port
	 */
	public int amqpPort(int node) {
		return 5680 + checked(node);
	}

	/**
	 * The Erlang node name of a node, as the broker reports leaders and members.
	 * @param node the node, 1 to 3
	 * @return e.g. {@code c1@localhost}
	 */
	public static String nodeName(int node) {
		return "c" + checked(node) + "@localhost";
	}

	/**
	 * The node number of an Erlang node name.
	 * @param name e.g. {@code c2@localhost}
	 * @return e.g. 2
	 */
	public static int nodeNumber(String name) {
		for (int node = 1; node <= NODES; node++) {
			if (nodeName(node).equals(name)) {
				return node;
			}
		}
		throw new IllegalArgumentException("Not a node of the scaling cluster: " + name);
	}

	/**
	 * Kills a node with {@code SIGKILL}, as a crash: no connection is closed cleanly and no
	 * queue leader hands over. Returns once the process is gone.
	 * @param node the node, 1 to 3
	 */
	public void kill(int node) {
		long pid = pid(node);
		exec("kill", "-9", Long.toString(pid));
		await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(Path.of("/proc/" + pid)));
	}

	/**
	 * Starts a node again after {@link #kill(int)} and returns once it has rejoined the cluster
	 * (every node reports it running) and accepts AMQP connections.
	 * @param node the node, 1 to 3
	 */
	public void restart(int node) {
		checked(node);
		exec("rm", "-f", home(node).resolve("pid").toString());
		launch(node);
		rabbitmqctl(node, "wait", home(node).resolve("pid").toString(), "--timeout", "120");
		await().atMost(STARTUP).until(() -> answers(node));
		awaitJoined(node);
	}

	/**
	 * Whether a node accepts TCP connections on its AMQP port now.
	 * @param node the node, 1 to 3
	 * @return {@code true} if a connection could be opened
	 */
	public boolean answers(int node) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), amqpPort(node)), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * The node that holds a quorum queue's leader, read from the management API of the first
	 * node that answers.
	 * @param queue the broker queue name, in the default virtual host
	 * @return e.g. {@code c2@localhost}, or {@code null} while the queue has no leader
	 */
	public String leaderOf(String queue) {
		JsonNode leader = queueInfo(queue).get("leader");
		return (leader != null && leader.isString()) ? leader.asString() : null;
	}

	/**
	 * A queue's leader and counts as the management API shows them, for a report line;
	 * {@code dead_lettered_not_forwarded} is what RabbitMQ has dead-lettered (expired, for a delay
	 * level) but not yet seen confirmed by the target.
	 * @param queue the broker queue name, in the default virtual host
	 * @return e.g. {@code leader=c1@localhost messages=3 ready=3 unacked=0 dead_lettered_not_forwarded=0}
	 */
	public String queueDetails(String queue) {
		JsonNode info = queueInfo(queue);
		return "leader=" + info.path("leader").asString() + " messages=" + info.path("messages").asLong()
				+ " ready=" + info.path("messages_ready").asLong() + " unacked="
				+ info.path("messages_unacknowledged").asLong() + " dead_lettered_not_forwarded="
				+ info.path("messages_dlx").asLong();
	}

	/**
	 * The nodes that hold a replica of a quorum queue.
	 * @param queue the broker queue name, in the default virtual host
	 * @return the member node names, empty for a queue that is not a quorum queue
	 */
	public List<String> membersOf(String queue) {
		List<String> members = new ArrayList<>();
		JsonNode array = queueInfo(queue).get("members");
		if (array != null) {
			array.forEach((member) -> members.add(member.asString()));
		}
		return members;
	}

	/**
	 * A queue's type as the broker reports it.
	 * @param queue the broker queue name, in the default virtual host
	 * @return {@code quorum}, {@code classic} or {@code stream}
	 */
	public String typeOf(String queue) {
		return queueInfo(queue).get("type").asString();
	}

	/**
	 * The nodes that hold the open connections with a given client-provided name (the starter
	 * names its own {@code jobs-publisher} and {@code jobs-worker}).
	 * @param connectionName the client-provided connection name
	 * @return one node name per open connection of that name
	 */
	public List<String> connectionNodes(String connectionName) {
		List<String> nodes = new ArrayList<>();
		get("/api/connections?columns=node,client_properties").forEach((connection) -> {
			JsonNode name = connection.path("client_properties").get("connection_name");
			if (name != null && connectionName.equals(name.asString())) {
				nodes.add(connection.get("node").asString());
			}
		});
		return nodes;
	}

	/**
	 * Stops every node of the cluster that still runs; called by the shutdown hook too.
	 */
	@Override
	public void close() {
		synchronized (RabbitClusterNodes.class) {
			for (int node = 1; node <= NODES; node++) {
				stopNode(node);
			}
			// The next start() builds a new cluster rather than handing out this stopped one.
			if (running == this) {
				running = null;
			}
		}
	}

	private JsonNode queueInfo(String queue) {
		return get("/api/queues/%2F/" + URLEncoder.encode(queue, StandardCharsets.UTF_8).replace("+", "%20"));
	}

	private JsonNode get(String path) {
		IllegalStateException failure = null;
		for (int node = 1; node <= NODES; node++) {
			if (!answers(node)) {
				continue;
			}
			try {
				HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (15680 + node) + path))
					.timeout(Duration.ofSeconds(5))
					.header("Authorization", "Basic " + Base64.getEncoder()
						.encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8)))
					.GET()
					.build();
				HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					return this.json.readTree(response.body());
				}
				failure = new IllegalStateException("GET " + path + " on " + nodeName(node) + ": HTTP "
						+ response.statusCode() + " " + response.body());
			}
			catch (IOException ex) {
				failure = new IllegalStateException("GET " + path + " on " + nodeName(node) + ": " + ex, ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		throw (failure != null) ? failure : new IllegalStateException("No node of the scaling cluster answers");
	}

	/**
	 * Waits until every running node lists all three nodes as running, so that a test starts
	 * against a whole cluster and a restarted node is back as a member, not only as a process.
	 */
	private void awaitJoined(int node) {
		// A node's management API answers a little after its AMQP port: until then, ask again.
		await().atMost(STARTUP).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
			int up = 0;
			for (JsonNode each : get("/api/nodes?columns=name,running")) {
				if (each.path("running").asBoolean(false)) {
					up++;
				}
			}
			return up == NODES && answers(node);
		});
	}

	/**
	 * Stops a node an earlier run left behind: the process in its pid file, if that process is
	 * still a RabbitMQ node of this name, and otherwise whatever node answers to the name.
	 */
	private void stopLeftover(int node) {
		if (Files.exists(home(node).resolve("pid"))) {
			stopNode(node);
		}
		// Without a pid file (removed by hand), the node is asked by its name, which is ours.
		if (answers(node)) {
			runQuietly(List.of("rabbitmqctl", "-n", nodeName(node), "stop"));
		}
	}

	/**
	 * Stops one node: first cleanly, then, if it is still alive, with {@code SIGKILL} by the PID
	 * in its pid file, after checking that this PID is still our node and not a recycled number.
	 */
	private void stopNode(int node) {
		Path pidFile = home(node).resolve("pid");
		long pid;
		try {
			pid = Long.parseLong(Files.readString(pidFile).trim());
		}
		catch (IOException | NumberFormatException ex) {
			return;
		}
		if (!isOurNode(pid, node)) {
			return;
		}
		runQuietly(List.of("rabbitmqctl", "-n", nodeName(node), "stop", pidFile.toString()));
		if (isOurNode(pid, node)) {
			exec("kill", "-9", Long.toString(pid));
		}
	}

	/**
	 * The node's name is not on the Erlang command line (the server script passes it in the
	 * environment), so the environment of the process says whether it is our node.
	 */
	private static boolean isOurNode(long pid, int node) {
		try {
			String cmdline = Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
			String environ = "\0" + Files.readString(Path.of("/proc/" + pid + "/environ"), StandardCharsets.ISO_8859_1);
			return cmdline.contains("beam") && environ.contains("\0RABBITMQ_NODENAME=" + nodeName(node) + "\0");
		}
		catch (IOException ex) {
			return false;
		}
	}

	private long pid(int node) {
		try {
			return Long.parseLong(Files.readString(home(node).resolve("pid")).trim());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Node " + nodeName(node) + " has no pid file: " + ex, ex);
		}
	}

	private static int checked(int node) {
		if (node < 1 || node > NODES) {
			throw new IllegalArgumentException("Nodes are numbered 1 to " + NODES + ", not " + node);
		}
		return node;
	}

	private static Path home(int node) {
		return BASE.resolve("c" + checked(node));
	}

	private static String rabbitmqctl(int node, String... args) {
		return RabbitCtl.run(nodeName(node), "the scaling suite", args);
	}

	private static void writeFiles(int node) {
		Path home = home(node);
		try {
			Files.createDirectories(home);
			Files.writeString(home.resolve("rabbitmq.conf"), "listeners.tcp.1 = 127.0.0.1:" + (5680 + node) + "\n"
					+ "management.tcp.ip = 127.0.0.1\n" + "management.tcp.port = " + (15680 + node) + "\n"
					+ "loopback_users.guest = true\n");
			Files.writeString(home.resolve("enabled_plugins"), "[rabbitmq_management].\n");
			Files.writeString(home.resolve("env.conf"), String.join("\n", environment(node)) + "\n");
			Files.deleteIfExists(home.resolve("pid"));
			exec("rm", "-rf", home.resolve("mnesia").toString(), home.resolve("log").toString());
			exec("chown", "-R", "rabbitmq:rabbitmq", BASE.getParent().toString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot prepare " + home + ": " + ex, ex);
		}
	}

	private static List<String> environment(int node) {
		Path home = home(node);
		return List.of("NODENAME=" + nodeName(node), "NODE_IP_ADDRESS=127.0.0.1", "NODE_PORT=" + (5680 + node),
				"DIST_PORT=" + (25680 + node), "MNESIA_BASE=" + home.resolve("mnesia"),
				"LOG_BASE=" + home.resolve("log"), "CONFIG_FILE=" + home.resolve("rabbitmq.conf"),
				// Does not exist: this keeps the system's advanced.config out.
				"ADVANCED_CONFIG_FILE=" + home.resolve("advanced.config"),
				"ENABLED_PLUGINS_FILE=" + home.resolve("enabled_plugins"), "PID_FILE=" + home.resolve("pid"));
	}

	private static void launch(int node) {
		Path home = home(node);
		StringBuilder script = new StringBuilder("cd " + home + " && export RABBITMQ_CONF_ENV_FILE=" + home
				+ "/env.conf ERL_EPMD_ADDRESS=127.0.0.1"
				// Distribution on the loopback interface only, like AMQP and management.
				+ " ERL_FLAGS='-kernel inet_dist_use_interface {127,0,0,1}'");
		for (String entry : environment(node)) {
			script.append(" RABBITMQ_").append(entry);
		}
		script.append(" && exec /usr/lib/rabbitmq/bin/rabbitmq-server");
		File log = home.resolve("stdout.log").toFile();
		try {
			// setsid: the node outlives neither a pipe nor the process group of the build.
			new ProcessBuilder("setsid", "su", "rabbitmq", "-s", "/bin/sh", "-c", script.toString())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log))
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start RabbitMQ node " + nodeName(node) + ": " + ex, ex);
		}
		await().atMost(STARTUP).until(() -> Files.exists(home.resolve("pid")));
	}

	private static void runQuietly(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			process.getInputStream().readAllBytes();
			process.waitFor(150, TimeUnit.SECONDS);
		}
		catch (IOException ex) {
			// Nothing to stop if the tool cannot run; the caller falls back to the PID.
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
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
