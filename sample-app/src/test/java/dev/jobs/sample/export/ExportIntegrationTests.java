package dev.jobs.sample.export;

import dev.jobs.FailureReason;
import dev.jobs.JobStatus;
import dev.jobs.sample.SampleClient;
import dev.jobs.sample.SampleIntegrationTest;
import dev.jobs.sample.job.JobView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

import static dev.jobs.sample.SampleClient.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The export that always fails uses up the {@code quick} policy, chosen for it in
 * {@code application.yml}, and fails for good.
 */
@SampleIntegrationTest
class ExportIntegrationTests {

	@Autowired
	private RestTestClient client;

	private SampleClient sample;

	@BeforeEach
	void createSampleClient() {
		this.sample = new SampleClient(this.client);
	}

	@Test
	void exportThatAlwaysFailsEndsInFailureAfterThreeAttempts() {
		ExportRequested requested = this.client.post()
			.uri("/api/exports?day=2026-11-27")
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody(ExportRequested.class)
			.returnResult()
			.getResponseBody();

		JobView export = this.sample.awaitFinished(requested.jobId());
		assertThat(export.status()).isEqualTo(JobStatus.FAILURE);
		assertThat(export.task()).isEqualTo("nightly-export");
		assertThat(export.attempts()).isEqualTo(3);
		assertThat(export.error().type()).isEqualTo(IllegalStateException.class.getName());
		assertThat(export.error().message()).startsWith("export target unreachable").contains("2026-11-27");

		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(this.sample.failures()).anySatisfy((failure) -> {
			assertThat(failure.jobId()).isEqualTo(requested.jobId());
			assertThat(failure.attempts()).isEqualTo(3);
			assertThat(failure.reason()).isEqualTo(FailureReason.RETRIES_EXHAUSTED);
		}));
	}

}
