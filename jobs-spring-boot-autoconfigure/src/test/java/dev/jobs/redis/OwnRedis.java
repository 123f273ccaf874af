package dev.jobs.redis;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A {@code redis-server} of a test's own, on a free 127.0.0.1 port, without persistence, that
 * the test may kill and start again on the same port, as an outage would. Only the process this
 * instance started is ever stopped: the shared Redis on 6379 is never touched. Its output goes
 * to {@code target/own-redis-<port>.log}.
 */
final class OwnRedis implements AutoCloseable {

	private static final String REDIS_SERVER = "/usr/bin/redis-server";

	private static final Duration STARTUP = Duration.ofSeconds(20);

	private final int port;

	private final File log;

	private Process process;

	private OwnRedis(int port) {
		this.port = port;
		this.log = new File("target", "own-redis-" + port + ".log");
	}

	/**
	 * A server on a port that is free now; not started yet.
	 * @return the server
	 */
	static OwnRedis onFreePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return new OwnRedis(socket.getLocalPort());
		}
		catch (IOException ex) {
			throw new IllegalStateException("No free port for an own Redis: " + ex, ex);
		}
	}

	/**
	 * The port it listens on, the same across restarts.
	 * @return the port
	 */
	int port() {
		return this.port;
	}

	/**
	 * Starts the server and returns once it answers {@code PING}.
	 */
	synchronized void start() {
		if (this.process != null && this.process.isAlive()) {
			throw new IllegalStateException("Own Redis on port " + this.port + " is already running");
		}
		this.log.getParentFile().mkdirs();
		try {
			this.process = new ProcessBuilder(REDIS_SERVER, "--port", Integer.toString(this.port), "--bind",
					"127.0.0.1", "--save", "", "--appendonly", "no")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log))
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException(REDIS_SERVER + " is needed for Redis outage tests: " + ex, ex);
		}
		Process started = this.process;
		await().atMost(STARTUP).pollInterval(Duration.ofMillis(50)).until(() -> {
			if (!started.isAlive()) {
				throw new IllegalStateException("Own Redis on port " + this.port + " exited with "
						+ started.exitValue() + "; see " + this.log.getAbsolutePath());
			}
			return answersPing();
		});
	}

	/**
	 * Kills the server this instance started, as a crash would, and returns once it is gone;
	 * does nothing if it is not running.
	 */
	synchronized void stop() {
		Process running = this.process;
		if (running == null) {
			return;
		}
		this.process = null;
		running.destroyForcibly();
		try {
			if (!running.waitFor(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("Own Redis (pid " + running.pid() + ") did not die");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		stop();
	}

	/**
	 * Whether a server answers {@code PING} on the port now.
	 * @return {@code true} if it answers {@code +PONG}
	 */
	boolean answersPing() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 1000);
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] reply = in.readNBytes(7);
			return "+PONG\r\n".equals(new String(reply, StandardCharsets.US_ASCII));
		}
		catch (IOException ex) {
			return false;
		}
	}

}
