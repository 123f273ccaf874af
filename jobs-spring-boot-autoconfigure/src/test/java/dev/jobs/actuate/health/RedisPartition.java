package dev.jobs.actuate.health;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy in front of the shared Redis on 127.0.0.1:6379 that a test can cut, as a network
 * partition would: the connections stay open, and from then on no byte passes either way, so a
 * client's commands wait for their timeout. The shared Redis itself is never touched.
 */
final class RedisPartition implements AutoCloseable {

	private static final int REDIS_PORT = 6379;

	private final ServerSocket server;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private volatile boolean cut;

	private RedisPartition() throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "redis-partition-accept");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	static RedisPartition open() throws IOException {
		return new RedisPartition();
	}

	int port() {
		return this.server.getLocalPort();
	}

	/** From now on, nothing passes, on open connections and on new ones. */
	void cut() {
		this.cut = true;
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				Socket redis = new Socket(InetAddress.getLoopbackAddress(), REDIS_PORT);
				this.sockets.add(client);
				this.sockets.add(redis);
				pump(client, redis);
				pump(redis, client);
			}
			catch (IOException ex) {
				// Closed: the test is over.
			}
		}
	}

	private void pump(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[8192];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int read;
				while ((read = in.read(buffer)) != -1) {
					if (!this.cut) {
						out.write(buffer, 0, read);
						out.flush();
					}
				}
			}
			catch (IOException ex) {
				// One side closed: the test is over or the client disconnected.
			}
		}, "redis-partition-pump");
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		for (Socket socket : this.sockets) {
			socket.close();
		}
	}

}
