package dev.jobs.sample;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The one application context of the sample's integration tests, against the RabbitMQ and
 * Redis on localhost. Every integration test class uses this annotation unchanged, so that
 * they share one cached context: two live contexts would both consume the {@code critical}
 * and {@code default} queues, and a job enqueued by one could run on the other and store its
 * result under the other's key prefix.
 *
 * <p>Results go under a key prefix of their own, so runs never read each other's jobs, and
 * expire soon. The {@code webhook} and {@code payment} retry policies wait about a second
 * between attempts instead of their production waits, keeping attempt counts as in
 * {@code application.yml} ({@code payment} gets three delays, so still four attempts), and a
 * monthly report rebuild takes 3 seconds instead of a minute.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "SAMPLE_ADMIN_PASSWORD=" + SampleIntegrationTest.ADMIN_PASSWORD,
				"SAMPLE_VIEWER_PASSWORD=" + SampleIntegrationTest.VIEWER_PASSWORD,
				"jobs.redis.key-prefix=sample-test-${random.uuid}:", "jobs.results.ttl=10m",
				"jobs.retry.policies.webhook.initial-delay=1s", "jobs.retry.policies.payment.delays=1s,1s,1s",
				"sample.reports.monthly-rebuild-time=3s" })
@AutoConfigureRestTestClient
public @interface SampleIntegrationTest {

	/** The Actuator password of user {@code admin} in tests. */
	String ADMIN_PASSWORD = "admin-password-for-tests";

	/** The Actuator password of user {@code viewer}, who may only read, in tests. */
	String VIEWER_PASSWORD = "viewer-password-for-tests";

}
