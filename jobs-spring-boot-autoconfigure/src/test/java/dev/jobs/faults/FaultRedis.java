package dev.jobs.faults;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A {@code redis-server} of the suite's own on a free 127.0.0.1 port, that a case kills
 * (SIGKILL) and starts again on the same port. Unlike the unit suite's throw-away servers it
 * keeps an append-only file synced on every write, under {@code /tmp/jobs-faults/redis-<port>},
 * as a production Redis would: what it acknowledged survives the restart, so what a case sees
 * missing afterwards is the starter's doing, not the server's.
 */
final class FaultRedis implements AutoCloseable {

	private final int port;

	private final Path dir;

	private Process process;

	private FaultRedis(int port) {
		this.port = port;
		this.dir = Path.of("/tmp/jobs-faults", "redis-" + port);
	}

	/**
	 * A server on a port that is free now, started.
	 * @return the running server
	 */
	static FaultRedis started() {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("No free port for the fault suite's Redis: " + ex, ex);
		}
		FaultRedis redis = new FaultRedis(port);
		redis.start();
		return redis;
	}

	/** The port it listens on, the same across restarts. */
	int port() {
		return this.port;
	}

	/** Starts the server and returns once it accepts connections. */
	void start() {
		this.dir.toFile().mkdirs();
		try {
			this.process = new ProcessBuilder("redis-server", "--port", Integer.toString(this.port), "--bind",
					"127.0.0.1", "--dir", this.dir.toString(), "--save", "", "--appendonly", "yes", "--appendfsync",
					"always")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.dir.resolve("redis.log").toFile()))
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("redis-server is needed for the fault suite: " + ex, ex);
		}
		Process started = this.process;
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			if (!started.isAlive()) {
				throw new IllegalStateException("redis-server on port " + this.port + " exited; see "
						+ this.dir.resolve("redis.log"));
			}
			return answers();
		});
	}

	/** Kills the server, as a crash would, and returns once it is gone. */
	void kill() {
		Process running = this.process;
		if (running == null) {
			return;
		}
		this.process = null;
		running.destroyForcibly();
		try {
			running.waitFor(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private boolean answers() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	@Override
	public void close() {
		kill();
	}

}
