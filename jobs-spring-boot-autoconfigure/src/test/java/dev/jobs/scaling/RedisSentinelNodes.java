package dev.jobs.scaling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;

import static org.awaitility.Awaitility.await;

/**
 * A Redis Sentinel set-up of the scaling suite's own: a master on 127.0.0.1:7111, its replica
 * on 7112 and three sentinels on 26479–26481 monitoring them as {@code mymaster} (quorum 2),
 * files under {@code /tmp/jobs-scaling/redis-sentinel}.
 * <p>
 * The sentinels declare a master down after 2 s and give a failover 5 s, not Redis's 30 s and
 * 3 min, so a case sees a killed master replaced within seconds. Each sentinel has a
 * configuration file of its own, because a sentinel rewrites it with what it learns.
 * <p>
 * One set-up per JVM: {@link #start()} returns the running one, and a shutdown hook stops it.
 * Processes an earlier run left are stopped through their pid files first; nothing else is
 * touched.
 */
public final class RedisSentinelNodes implements AutoCloseable {

	private static final Path ROOT = Path.of("/tmp/jobs-scaling/redis-sentinel");

	private static final String MASTER = "mymaster";

	private static final int MASTER_PORT = 7111;

	private static final int REPLICA_PORT = 7112;

	private static final List<Integer> SENTINEL_PORTS = List.of(26479, 26480, 26481);

	private static RedisSentinelNodes running;

	private final Map<Integer, LocalRedisProcess> servers = new LinkedHashMap<>();

	private final Map<Integer, LocalRedisProcess> sentinels = new LinkedHashMap<>();

	private RedisSentinelNodes() {
		this.servers.put(MASTER_PORT, server(MASTER_PORT, null));
		this.servers.put(REPLICA_PORT, server(REPLICA_PORT, MASTER_PORT));
		for (int port : SENTINEL_PORTS) {
			Path dir = ROOT.resolve("s" + port);
			this.sentinels.put(port, new LocalRedisProcess(port, dir, List.of(dir.resolve("sentinel.conf").toString(),
					"--sentinel")));
		}
	}

	/**
	 * The suite's Sentinel set-up, started if this JVM has not started it yet.
	 * @return the running set-up, the replica in sync and every sentinel aware of it
	 */
	public static synchronized RedisSentinelNodes start() {
		if (running != null) {
			return running;
		}
		LocalRedisProcess.stopLeftoversAndWipe(ROOT);
		RedisSentinelNodes setUp = new RedisSentinelNodes();
		Runtime.getRuntime().addShutdownHook(new Thread(setUp::close, "redis-sentinel-nodes-stop"));
		setUp.servers.values().forEach(LocalRedisProcess::start);
		setUp.awaitReplicaInSync(MASTER_PORT);
		for (LocalRedisProcess sentinel : setUp.sentinels.values()) {
			writeSentinelConfig(sentinel);
			sentinel.start();
		}
		// A sentinel learns the replica and the other sentinels from the master's INFO and hello
		// messages; until all three know each other a failover could not reach its quorum.
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
			for (int port : SENTINEL_PORTS) {
				Map<String, String> master = onSentinel(port, (commands) -> commands.master(MASTER));
				if (!"2".equals(master.get("num-other-sentinels")) || !"1".equals(master.get("num-slaves"))) {
					return false;
				}
			}
			return true;
		});
		running = setUp;
		return setUp;
	}

	/**
	 * The name the sentinels monitor, for {@code spring.data.redis.sentinel.master}.
	 * @return {@code mymaster}
	 */
	public String master() {
		return MASTER;
	}

	/**
	 * The sentinels' addresses, for {@code spring.data.redis.sentinel.nodes}.
	 * @return {@code 127.0.0.1:26479} to {@code 127.0.0.1:26481}
	 */
	public List<String> sentinels() {
		return SENTINEL_PORTS.stream().map((port) -> "127.0.0.1:" + port).toList();
	}

	/**
	 * The master's port as a live sentinel names it now.
	 * @return 7111 or 7112
	 */
	public int masterPort() {
		RuntimeException last = null;
		for (int port : SENTINEL_PORTS) {
			if (!this.sentinels.get(port).alive()) {
				continue;
			}
			try {
				SocketAddress address = onSentinel(port, (commands) -> commands.getMasterAddrByName(MASTER));
				return ((InetSocketAddress) address).getPort();
			}
			catch (RuntimeException ex) {
				last = ex;
			}
		}
		throw new IllegalStateException("No sentinel named the master", last);
	}

	/**
	 * Kills the current master with SIGKILL; the sentinels promote the replica after about
	 * two seconds plus the election.
	 * @return the killed master's port
	 */
	public int killMaster() {
		int port = masterPort();
		this.servers.get(port).kill();
		return port;
	}

	/**
	 * Starts a killed server again, as a replica of the current master (a crashed master must
	 * not come back as a master with an empty data set), and returns once it is in sync and
	 * the sentinels count it.
	 * @param port the server's port
	 */
	public void restart(int port) {
		LocalRedisProcess server = this.servers.get(port);
		if (server == null) {
			throw new IllegalArgumentException("Port " + port + " is no server of the suite's Sentinel set-up");
		}
		int master = masterPort();
		if (master == port) {
			throw new IllegalStateException("The sentinels still name " + port + " the master; wait for the failover"
					+ " before restarting it");
		}
		LocalRedisProcess replica = server(port, master);
		this.servers.put(port, replica);
		replica.start();
		awaitReplicaInSync(master);
	}

	/** Stops the sentinels, then the servers. */
	@Override
	public void close() {
		synchronized (RedisSentinelNodes.class) {
			this.sentinels.values().forEach(LocalRedisProcess::kill);
			this.servers.values().forEach(LocalRedisProcess::kill);
			if (running == this) {
				running = null;
			}
		}
	}

	private void awaitReplicaInSync(int masterPort) {
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
			String replication = onServer(masterPort, (commands) -> commands.info("replication"));
			return replication.contains("connected_slaves:1") && replication.contains("state=online");
		});
	}

	private static LocalRedisProcess server(int port, Integer replicaOf) {
		Path dir = ROOT.resolve(Integer.toString(port));
		List<String> arguments = new ArrayList<>(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1",
				"--dir", dir.toString(), "--save", "", "--appendonly", "no", "--pidfile",
				dir.resolve("redis.pid").toString(), "--logfile", dir.resolve("redis.log").toString()));
		if (replicaOf != null) {
			arguments.addAll(List.of("--replicaof", "127.0.0.1", replicaOf.toString()));
		}
		return new LocalRedisProcess(port, dir, arguments);
	}

	private static void writeSentinelConfig(LocalRedisProcess sentinel) {
		Path dir = sentinel.dir();
		String config = String.join("\n", "port " + sentinel.port(), "bind 127.0.0.1", "dir " + dir,
				"pidfile " + dir.resolve("redis.pid"), "logfile " + dir.resolve("sentinel.log"),
				"sentinel monitor " + MASTER + " 127.0.0.1 " + MASTER_PORT + " 2",
				"sentinel down-after-milliseconds " + MASTER + " 2000",
				"sentinel failover-timeout " + MASTER + " 5000", "sentinel parallel-syncs " + MASTER + " 1", "");
		try {
			Files.createDirectories(dir);
			Files.writeString(dir.resolve("sentinel.conf"), config);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static <T> T onServer(int port,
			java.util.function.Function<io.lettuce.core.api.sync.RedisCommands<String, String>, T> question) {
		RedisClient client = RedisClient.create(uri(port));
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return question.apply(connection.sync());
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
		}
	}

	private static <T> T onSentinel(int port,
			java.util.function.Function<io.lettuce.core.sentinel.api.sync.RedisSentinelCommands<String, String>, T> question) {
		RedisClient client = RedisClient.create(uri(port));
		try (StatefulRedisSentinelConnection<String, String> connection = client.connectSentinel()) {
			return question.apply(connection.sync());
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
		}
	}

	private static RedisURI uri(int port) {
		return RedisURI.builder().withHost("127.0.0.1").withPort(port).withTimeout(Duration.ofSeconds(2)).build();
	}

}
