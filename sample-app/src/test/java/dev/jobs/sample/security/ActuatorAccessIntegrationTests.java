package dev.jobs.sample.security;

import dev.jobs.sample.SampleIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Who may do what through {@code /actuator/jobs}: nobody without credentials, {@code viewer}
 * reads but may not change anything, {@code admin} may.
 */
@SampleIntegrationTest
class ActuatorAccessIntegrationTests {

	@Autowired
	private RestTestClient client;

	@Test
	void withoutCredentialsTheEndpointAnswers401() {
		this.client.get().uri("/actuator/jobs").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void viewerReadsButMayNotPauseAQueue() {
		this.client.get()
			.uri("/actuator/jobs")
			.headers((headers) -> headers.setBasicAuth("viewer", SampleIntegrationTest.VIEWER_PASSWORD))
			.exchange()
			.expectStatus()
			.isOk();
		this.client.post()
			.uri("/actuator/jobs/queues/bulk/pause")
			.headers((headers) -> headers.setBasicAuth("viewer", SampleIntegrationTest.VIEWER_PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.body("{}")
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void adminPausesAndResumesAQueue() {
		for (String action : new String[] { "pause", "resume" }) {
			this.client.post()
				.uri("/actuator/jobs/queues/bulk/" + action)
				.headers((headers) -> headers.setBasicAuth("admin", SampleIntegrationTest.ADMIN_PASSWORD))
				.header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
				.contentType(MediaType.APPLICATION_JSON)
				.body("{}")
				.exchange()
				.expectStatus()
				.isOk();
		}
	}

}
