package dev.jobs.rabbit;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the management API's URL when none is configured: the broker's own address, over
 * HTTPS when the AMQP connection uses TLS.
 */
class ManagementApiUrlTests {

	@Test
	void plainAmqpConnectionReadsThePlainApi() throws UnknownHostException {
		assertThat(ManagementApiClient.defaultUrl(InetAddress.getByName("10.0.0.7"), false))
			.hasToString("http://10.0.0.7:15672");
	}

	@Test
	void tlsAmqpConnectionReadsTheApiOverHttps() throws UnknownHostException {
		assertThat(ManagementApiClient.defaultUrl(InetAddress.getByName("10.0.0.7"), true))
			.hasToString("https://10.0.0.7:15671");
		assertThat(ManagementApiClient.defaultUrl(InetAddress.getByName("::1"), true))
			.hasToString("https://[0:0:0:0:0:0:0:1]:15671");
	}

}
