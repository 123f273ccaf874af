package dev.jobs.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on 127.0.0.1 in front of one port, that a test can cut as a network failure
 * would: {@link #cut()} closes every connection through it, and until {@link #heal()} it
 * closes each new one as soon as it is accepted, so that the client's connects fail.
 */
final class TcpCut implements AutoCloseable {

	private final int target;

	private final ServerSocket server;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private volatile boolean cut;

	private TcpCut(int target) throws IOException {
		this.target = target;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "tcp-cut-accept");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/**
	 * Opens a proxy to a port of 127.0.0.1.
	 * @param target the port connections are forwarded to
	 * @return the proxy, passing traffic
	 * @throws IOException if no port is free
	 */
	static TcpCut to(int target) throws IOException {
		return new TcpCut(target);
	}

	/**
	 * The port clients connect to.
	 * @return the proxy's port
	 */
	int port() {
		return this.server.getLocalPort();
	}

	/** Closes every open connection and refuses new ones until {@link #heal()}. */
	void cut() {
		this.cut = true;
		closeAll();
	}

	/** Passes new connections again. */
	void heal() {
		this.cut = false;
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				if (this.cut) {
					client.close();
					continue;
				}
				Socket upstream = new Socket(InetAddress.getLoopbackAddress(), this.target);
				this.sockets.add(client);
				this.sockets.add(upstream);
				pump(client, upstream);
				pump(upstream, client);
			}
			catch (IOException ex) {
				// The upstream refused, or the proxy closed: this connection is over.
			}
		}
	}

	private void pump(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[16384];
			try (from; to; InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int read;
				while ((read = in.read(buffer)) != -1) {
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// Cut, or one side closed: closing both ends (above) passes that on.
			}
			finally {
				this.sockets.remove(from);
				this.sockets.remove(to);
			}
		}, "tcp-cut-pump");
		thread.setDaemon(true);
		thread.start();
	}

	private void closeAll() {
		for (Socket socket : this.sockets) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// Already closed by its pump.
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		closeAll();
	}

}
