package dev.jobs.sample.webhook;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.Map;

import dev.jobs.BackgroundTask;
import dev.jobs.JobContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Outgoing webhooks. The receiver here is simulated and flaky on purpose: it is down for the
 * first two attempts of every delivery and answers on the third, so the {@code webhook} retry
 * policy of {@code application.yml} can be watched at work.
 */
@Service
public class WebhookTasks {

	/** The attempt on which the simulated receiver first answers. */
	static final int SUCCEEDS_ON_ATTEMPT = 3;

	private static final Logger logger = LoggerFactory.getLogger(WebhookTasks.class);

	/**
	 * Delivers a webhook. An {@link IOException} is what the {@code webhook} policy retries
	 * ({@code retry-on: java.io.IOException}), after 2 s, then 4 s, up to five attempts.
	 * @param url where the webhook goes
	 * @param payload the JSON body
	 * @return how the delivery went
	 * @throws IOException while the receiver is unreachable
	 */
	@BackgroundTask(name = "send-webhook", retry = "webhook")
	public WebhookDelivery send(URI url, Map<String, Object> payload) throws IOException {
		JobContext job = JobContext.current();
		if (job.attempt() < SUCCEEDS_ON_ATTEMPT) {
			throw new IOException("Receiver " + url + " answered 503 Service Unavailable (simulated for attempt "
					+ job.attempt() + " of " + SUCCEEDS_ON_ATTEMPT + ")");
		}
		logger.info("Webhook {} delivered to {} on attempt {} ({} payload field(s))", job.jobId(), url,
				job.attempt(), payload.size());
		return new WebhookDelivery(url, 200, job.attempt(), Instant.now());
	}

}
