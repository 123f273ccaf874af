package dev.jobs.sample.web;


import org.junit.jupiter.api.Test;

import dev.jobs.sample.ClosedPorts;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10, item 11: while Redis cannot be reached, {@code GET /api/jobs/{id}} answered
 * {@code 500}; a job's state is temporarily unreadable, which is {@code 503} with a
 * {@code Retry-After}.
 *
 * <p>This context points Redis at a port nothing listens on and runs no worker
 * ({@code jobs.worker.queues} empty), so it never takes jobs from the shared context of the
 * other integration tests.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "jobs.worker.queues=", "spring.data.redis.timeout=2s",
				"SAMPLE_ADMIN_PASSWORD=admin-password-for-tests" })
@AutoConfigureRestTestClient
class RedisUnreachableIntegrationTests {

	@Autowired
	private RestTestClient client;

	@DynamicPropertySource
	static void redisOnAClosedPort(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.port", ClosedPorts::any);
	}

	@Test
	void jobStateAnswers503WithRetryAfterWhileRedisIsUnreachable() {
		this.client.get()
			.uri("/api/jobs/01a21eda-3a9b-76c0-93d6-5bac8867da9a")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "5")
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail).asString().contains("cannot be read right now"));
	}

}
