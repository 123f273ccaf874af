package dev.jobs.sample.catalog;

import dev.jobs.Jobs;
import dev.jobs.workflow.BatchSnapshot;
import dev.jobs.workflow.WorkflowStatus;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /api/batches}: the counts of any batch by its id (such as a catalog import): how many
 * jobs it has had, counting those its jobs added, and how many are pending, succeeded and
 * failed. Read from Redis, so any instance can answer. An id without state
 * ({@link WorkflowStatus#EXPIRED}: never created, or kept past {@code jobs.results.ttl}) answers
 * 404, as an unknown job does.
 */
@RestController
@RequestMapping("/api/batches")
public class BatchController {

	private final Jobs jobs;

	public BatchController(Jobs jobs) {
		this.jobs = jobs;
	}

	@GetMapping("/{id}")
	BatchSnapshot get(@PathVariable String id) {
		BatchSnapshot snapshot = this.jobs.batchHandle(id).snapshot();
		if (snapshot.status() == WorkflowStatus.EXPIRED) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No batch '" + id + "'");
		}
		return snapshot;
	}

}
