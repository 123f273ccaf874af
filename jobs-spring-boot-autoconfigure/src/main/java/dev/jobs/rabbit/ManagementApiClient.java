package dev.jobs.rabbit;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.jobs.core.port.QueueStats;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads queue numbers from RabbitMQ's management HTTP API, one {@code GET
 * /api/queues/{vhost}/{name}} per queue, all in parallel.
 */
final class ManagementApiClient {

	private static final String COLUMNS = "name,messages_ready,messages_unacknowledged,consumers,messages_dlx";

	private final ManagementApi settings;

	private final JsonMapper mapper;

	private final HttpClient http;

	ManagementApiClient(ManagementApi settings, JsonMapper mapper) {
		this.settings = settings;
		this.mapper = mapper;
		this.http = HttpClient.newBuilder()
			.connectTimeout(settings.timeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/**
	 * Reads the given queues.
	 * @param brokerQueues the broker queue names
	 * @param connection what the AMQP connection knows, for the parts the settings leave out
	 * @return stats by broker queue name; a queue the broker does not know reads as empty, and
	 * a queue the API has no numbers for yet (declared a moment ago) maps to {@code null}
	 * @throws ManagementApiException if the API does not answer, refuses the login, or
	 * answers something else than queue numbers
	 */
	Map<String, QueueStats> read(List<String> brokerQueues, ConnectionInfo connection) {
		URI base = (this.settings.url() != null) ? this.settings.url() : defaultUrl(connection.host(), connection.tls());
		String authorization = basicAuth(
				(this.settings.username() != null) ? this.settings.username() : connection.username(),
				(this.settings.password() != null) ? this.settings.password() : connection.password());
		Map<String, CompletableFuture<HttpResponse<byte[]>>> calls = new LinkedHashMap<>();
		for (String queue : brokerQueues) {
			HttpRequest request = HttpRequest.newBuilder(queueUri(base, connection.virtualHost(), queue))
				.timeout(this.settings.timeout())
				.header("Authorization", authorization)
				.header("Accept", "application/json")
				.GET()
				.build();
			calls.put(queue, this.http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()));
		}
		Map<String, QueueStats> stats = new LinkedHashMap<>();
		long deadline = System.nanoTime() + this.settings.timeout().toNanos();
		calls.forEach((queue, call) -> stats.put(queue, stats(base, queue, await(base, call, deadline))));
		return stats;
	}

	private HttpResponse<byte[]> await(URI base, CompletableFuture<HttpResponse<byte[]>> call, long deadline) {
		try {
			return call.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (ExecutionException ex) {
			throw new ManagementApiException("RabbitMQ management API at " + base + " unreachable: " + ex.getCause(),
					ex.getCause());
		}
		catch (TimeoutException ex) {
			call.cancel(true);
			throw new ManagementApiException("RabbitMQ management API at " + base + " did not answer within "
					+ this.settings.timeout(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ManagementApiException("Interrupted while calling the RabbitMQ management API", ex);
		}
	}

	private QueueStats stats(URI base, String queue, HttpResponse<byte[]> response) {
		if (response.statusCode() == 404) {
			return new QueueStats(queue, 0, 0L, 0);
		}
		if (response.statusCode() != 200) {
			throw new ManagementApiException("RabbitMQ management API at " + base + " answered HTTP "
					+ response.statusCode() + " for queue " + queue
					+ ((response.statusCode() == 401) ? " (check jobs.actuate.management.username and password)" : ""),
					null);
		}
		try {
			JsonNode body = this.mapper.readTree(response.body());
			if (!body.has("messages_ready")) {
				return null;
			}
			return new QueueStats(queue, body.path("messages_ready").asLong(0),
					body.path("messages_unacknowledged").asLong(0), body.path("consumers").asInt(0),
					body.path("messages_dlx").asLong(0));
		}
		catch (JacksonException ex) {
			throw new ManagementApiException("RabbitMQ management API at " + base + " answered something else than"
					+ " JSON for queue " + queue, ex);
		}
	}

	/**
	 * The API on the broker the AMQP connection reached: over HTTPS on the plugin's TLS port when
	 * the AMQP connection uses TLS, since a broker that encrypts one encrypts the other, and the
	 * login would otherwise cross the network in the clear.
	 * @param host the broker's address
	 * @param tls whether the AMQP connection uses TLS
	 * @return the base URL
	 */
	static URI defaultUrl(InetAddress host, boolean tls) {
		String address = host.getHostAddress();
		return URI.create((tls ? "https://" : "http://") + ((host instanceof Inet6Address) ? "[" + address + "]" : address)
				+ ":" + (tls ? ManagementApi.DEFAULT_TLS_PORT : ManagementApi.DEFAULT_PORT));
	}

	private static URI queueUri(URI base, String virtualHost, String queue) {
		String root = base.toString().endsWith("/") ? base.toString() : base + "/";
		return URI.create(root + "api/queues/" + encode(virtualHost) + "/" + encode(queue) + "?columns=" + COLUMNS);
	}

	private static String encode(String segment) {
		return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static String basicAuth(String username, String password) {
		String credentials = username + ":" + ((password != null) ? password : "");
		return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * What the open AMQP connection tells about where and as whom it is connected.
	 *
	 * @param host the broker address the connection is connected to
	 * @param virtualHost the virtual host
	 * @param username the user
	 * @param password the password
	 * @param tls whether the connection uses TLS
	 */
	record ConnectionInfo(InetAddress host, String virtualHost, String username, String password, boolean tls) {

	}

	/**
	 * The management API could not give the numbers.
	 */
	static final class ManagementApiException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		ManagementApiException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
