package dev.jobs.sample.webhook;

import java.net.URI;

import dev.jobs.JobHandle;
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

}
