package dev.jobs.sample.webhook;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * One payload for many receivers: the body of {@code POST /api/webhooks/broadcast}.
 *
 * @param urls the receivers, each an absolute {@code http} or {@code https} URL
 * @param payload the JSON object to post to each
 */
public record WebhookBroadcast(List<URI> urls, Map<String, Object> payload) {

	public WebhookBroadcast {
		if (urls == null || urls.isEmpty()) {
			throw new IllegalArgumentException("urls must name at least one receiver");
		}
		payload = (payload != null) ? Map.copyOf(payload) : Map.of();
		for (URI url : urls) {
			new NewWebhook(url, payload); // the same checks as for a single webhook
		}
		urls = List.copyOf(urls);
	}

}
