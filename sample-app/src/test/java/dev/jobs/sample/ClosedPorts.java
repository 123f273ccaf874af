package dev.jobs.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * Ports nothing listens on, for a test that proves something does not connect where the
 * properties point.
 */
public final class ClosedPorts {

	private ClosedPorts() {
	}

	/**
	 * A local port that was free a moment ago: opened by the system, then closed.
	 * @return the port
	 */
	public static int any() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
