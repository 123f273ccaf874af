package dev.jobs.scaling;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;

import static org.awaitility.Awaitility.await;

/**
 * A Redis Cluster of the scaling suite's own: six {@code redis-server} processes on
 * 127.0.0.1:7101–7106 joined by {@code redis-cli --cluster create} into three masters with one
 * replica each, files under {@code /tmp/jobs-scaling/redis-cluster/<port>}.
 * <p>
 * {@code cluster-node-timeout} is 2 s, not Redis's 15 s, so that a killed master is failed over
 * in a few seconds and a case can afford to wait for it. The servers keep no data on disk (a
 * cluster's durability across one node loss is its replica, which is what a case tests); the
 * cluster's own {@code nodes.conf} survives a {@link #restart(int) restart}, so a killed node
 * comes back knowing the cluster and rejoins as a replica of the master that replaced it.
 * <p>
 * One cluster per JVM: {@link #start()} returns the running one, and a shutdown hook stops it.
 * Processes an earlier run left (a JVM killed with SIGKILL) are stopped through their pid
 * files first. Nothing else is touched: not the Redis on 6379, nor the fault suite's servers.
 */
public final class RedisClusterNodes implements AutoCloseable {

	private static final Path ROOT = Path.of("/tmp/jobs-scaling/redis-cluster");

	private static final int FIRST_PORT = 7101;

	private static final int NODES = 6;

	private static RedisClusterNodes running;

	private final Map<Integer, LocalRedisProcess> processes = new LinkedHashMap<>();

	private RedisClusterNodes() {
		for (int port = FIRST_PORT; port < FIRST_PORT + NODES; port++) {
			Path dir = ROOT.resolve(Integer.toString(port));
			this.processes.put(port,
					new LocalRedisProcess(port, dir,
							List.of("--port", Integer.toString(port), "--bind", "127.0.0.1", "--cluster-enabled", "yes",
									"--cluster-config-file", dir.resolve("nodes.conf").toString(),
									"--cluster-node-timeout", "2000", "--dir", dir.toString(), "--save", "",
									"--appendonly", "no", "--pidfile", dir.resolve("redis.pid").toString(),
									"--logfile", dir.resolve("redis.log").toString())));
		}
	}

	/**
	 * The suite's cluster, started (and created) if this JVM has not started it yet.
	 * @return the running cluster, every slot served
	 */
	public static synchronized RedisClusterNodes start() {
		if (running != null) {
			return running;
		}
		LocalRedisProcess.stopLeftoversAndWipe(ROOT);
		RedisClusterNodes cluster = new RedisClusterNodes();
		Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "redis-cluster-nodes-stop"));
		cluster.processes.values().forEach(LocalRedisProcess::start);
		cluster.create();
		running = cluster;
		return cluster;
	}

	/**
	 * Every node's address, in the form {@code spring.data.redis.cluster.nodes} takes.
	 * @return {@code 127.0.0.1:7101} to {@code 127.0.0.1:7106}
	 */
	public List<String> nodes() {
		return this.processes.keySet().stream().map((port) -> "127.0.0.1:" + port).toList();
	}

	/**
	 * The master serving a key's hash slot now, as a live node sees it.
	 * @param key a Redis key (hash tags count, as in the cluster)
	 * @return the master's port
	 */
	public int masterOf(String key) {
		return ask((commands) -> {
			long slot = commands.clusterKeyslot(key);
			for (Object range : commands.clusterSlots()) {
				List<?> entry = (List<?>) range;
				long from = (Long) entry.get(0);
				long to = (Long) entry.get(1);
				if (slot >= from && slot <= to) {
					return ((Long) ((List<?>) entry.get(2)).get(1)).intValue();
				}
			}
			throw new IllegalStateException("No master serves slot " + slot + " of key '" + key + "'");
		});
	}

	/**
	 * Kills a node with SIGKILL, as a crash would; its replica takes over after about two
	 * seconds ({@code cluster-node-timeout}) plus the election.
	 * @param port the node's port
	 * @return the port
	 */
	public int killMaster(int port) {
		process(port).kill();
		return port;
	}

	/**
	 * Starts a killed node again and returns once the cluster is whole: it rejoins, as a
	 * replica of the master that was elected in its place.
	 * @param port the node's port
	 */
	public void restart(int port) {
		process(port).start();
		awaitHealthy(Duration.ofSeconds(60));
	}

	/**
	 * Waits until every live node reports {@code cluster_state:ok}: after a kill, that is when
	 * the replica has been promoted and every slot is served again.
	 * @param timeout how long to wait
	 */
	public void awaitHealthy(Duration timeout) {
		await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
			for (LocalRedisProcess process : this.processes.values()) {
				if (process.alive() && !info(process.port()).contains("cluster_state:ok")) {
					return false;
				}
			}
			return true;
		});
	}

	/** Zeroes every live node's command statistics, so that {@link #scriptCalls()} counts from now. */
	public void resetStats() {
		for (LocalRedisProcess process : this.processes.values()) {
			if (process.alive()) {
				on(process.port(), (commands) -> commands.configResetstat());
			}
		}
	}

	/**
	 * How many Lua script calls ({@code EVALSHA} and {@code EVAL}) the live nodes ran since
	 * {@link #resetStats()}; a node killed since then takes its count with it.
	 * @return the calls
	 */
	public long scriptCalls() {
		long calls = 0;
		for (LocalRedisProcess process : this.processes.values()) {
			if (process.alive()) {
				String stats = on(process.port(), (commands) -> commands.info("commandstats"));
				calls += calls(stats, "cmdstat_evalsha:") + calls(stats, "cmdstat_eval:");
			}
		}
		return calls;
	}

	private static long calls(String stats, String command) {
		int at = stats.indexOf(command);
		if (at < 0) {
			return 0;
		}
		int from = stats.indexOf("calls=", at) + "calls=".length();
		int to = stats.indexOf(',', from);
		return Long.parseLong(stats.substring(from, to));
	}

	/** Stops every node of the cluster; the next {@link #start()} creates a new one. */
	@Override
	public void close() {
		synchronized (RedisClusterNodes.class) {
			this.processes.values().forEach(LocalRedisProcess::kill);
			if (running == this) {
				running = null;
			}
		}
	}

	private void create() {
		List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
		command.addAll(nodes());
		command.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
		try {
			Process create = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(ROOT.resolve("create.log").toFile()))
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
				.start();
			if (!create.waitFor(60, TimeUnit.SECONDS) || create.exitValue() != 0) {
				create.destroyForcibly();
				throw new IllegalStateException("redis-cli --cluster create failed; see " + ROOT.resolve("create.log"));
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("redis-cli is needed for the scaling suite: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while creating the cluster", ex);
		}
		awaitHealthy(Duration.ofSeconds(60));
		// Every replica should hold its master's data before a case kills a master; a fresh
		// cluster has none, but the replication link must be up for a failover to be allowed.
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
			for (int port : this.processes.keySet()) {
				String replication = replicationInfo(port);
				if (replication.contains("role:slave") && !replication.contains("master_link_status:up")) {
					return false;
				}
			}
			return true;
		});
	}

	private String info(int port) {
		return on(port, (commands) -> commands.clusterInfo());
	}

	private String replicationInfo(int port) {
		return on(port, (commands) -> commands.info("replication"));
	}

	private <T> T ask(Function<io.lettuce.core.api.sync.RedisCommands<String, String>, T> question) {
		IllegalStateException last = null;
		for (LocalRedisProcess process : this.processes.values()) {
			if (!process.alive()) {
				continue;
			}
			try {
				return on(process.port(), question);
			}
			catch (RuntimeException ex) {
				last = new IllegalStateException("Node " + process.port() + " did not answer: " + ex, ex);
			}
		}
		throw (last != null) ? last : new IllegalStateException("No node of the cluster is running");
	}

	private static <T> T on(int port, Function<io.lettuce.core.api.sync.RedisCommands<String, String>, T> question) {
		RedisClient client = RedisClient.create(RedisURI.builder()
			.withHost("127.0.0.1")
			.withPort(port)
			.withTimeout(Duration.ofSeconds(2))
			.build());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return question.apply(connection.sync());
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
		}
	}

	private LocalRedisProcess process(int port) {
		LocalRedisProcess process = this.processes.get(port);
		if (process == null) {
			throw new IllegalArgumentException("Port " + port + " is no node of the suite's cluster (" + nodes() + ")");
		}
		return process;
	}

}
