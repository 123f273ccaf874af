package dev.jobs.sample.webhook;

import java.net.URI;
import java.util.Map;

/**
 * A webhook to send: the body of {@code POST /api/webhooks}.
 *
 * @param url the receiver's absolute {@code http} or {@code https} URL
 * @param payload the JSON object to post to it
 */
public record NewWebhook(URI url, Map<String, Object> payload) {

	public NewWebhook {
		if (url == null || !url.isAbsolute() || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
			throw new IllegalArgumentException("url must be an absolute http or https URL, got '" + url + "'");
		}
		payload = (payload != null) ? Map.copyOf(payload) : Map.of();
	}

}
