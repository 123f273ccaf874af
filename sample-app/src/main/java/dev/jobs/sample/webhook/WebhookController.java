package dev.jobs.sample.webhook;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.jobs.JobHandle;
import dev.jobs.JobRequest;
import dev.jobs.Jobs;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/webhooks}: queues webhooks, which a worker delivers with retries.
 */
@RestController
@RequestMapping("/api/webhooks")
public class WebhookController {

	private final Jobs jobs;

	public WebhookController(Jobs jobs) {
		this.jobs = jobs;
	}

	@PostMapping
	ResponseEntity<WebhookQueued> send(@RequestBody NewWebhook request) {
		JobHandle<WebhookDelivery> job = this.jobs.enqueue(WebhookTasks::send, request.url(), request.payload());
		return ResponseEntity.accepted().location(URI.create("/api/jobs/" + job.id())).body(new WebhookQueued(job.id()));
	}

	/**
	 * Queues one webhook per receiver with every enqueue in flight at once: the request waits
	 * for the broker's confirms together, not one after another.
	 * @param request the receivers and the payload
	 * @return the job ids, once every job is accepted
	 */
	@PostMapping("/broadcast")
	ResponseEntity<WebhooksQueued> broadcast(@RequestBody WebhookBroadcast request) {
		List<CompletableFuture<JobHandle<Object>>> accepted = request.urls()
			.stream()
			.map((url) -> this.jobs.enqueueAsync(JobRequest.of("send-webhook", url, request.payload())))
			.toList();
		List<String> ids = accepted.stream().map(CompletableFuture::join).map(JobHandle::id).toList();
		return ResponseEntity.accepted().body(new WebhooksQueued(ids));
	}

}
