package dev.jobs.rabbit;

import java.net.URI;
import java.time.Duration;

/**
 * Where and how to reach RabbitMQ's management HTTP API, which alone tells how many messages
 * of a queue are delivered and unacknowledged. Parts left {@code null} are taken from the
 * connection the starter has open: the broker host it is connected to (port 15672), and the
 * connection's user, password and virtual host.
 *
 * @param url the API's base URL, e.g. {@code http://rabbit.internal:15672}, or {@code null}
 * @param username the API user, or {@code null}
 * @param password the API password, or {@code null}
 * @param timeout how long one call may take before the numbers are read over AMQP instead
 */
public record ManagementApi(URI url, String username, String password, Duration timeout) {

	/** The management plugin's default port. */
	public static final int DEFAULT_PORT = 15672;

	/** The management plugin's default port over TLS. */
	public static final int DEFAULT_TLS_PORT = 15671;

	@Override
	public String toString() {
		return "ManagementApi[url=" + this.url + ", username=" + this.username + ", password="
				+ ((this.password != null) ? "******" : null) + ", timeout=" + this.timeout + "]";
	}

}
