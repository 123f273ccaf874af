package dev.jobs.sample.fulfilment;

import dev.jobs.Jobs;
import dev.jobs.workflow.WorkflowSnapshot;
import dev.jobs.workflow.WorkflowStatus;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /api/workflows}: the state of any workflow by its id (such as an order's fulfilment):
 * its status, how many of its jobs have ended of how many, and why it failed if it did. Read from
 * Redis, so any instance can answer. An id without state ({@link WorkflowStatus#EXPIRED}: never
 * submitted, or kept past {@code jobs.results.ttl}) answers 404, as an unknown job does.
 */
@RestController
@RequestMapping("/api/workflows")
public class WorkflowController {

	private final Jobs jobs;

	public WorkflowController(Jobs jobs) {
		this.jobs = jobs;
	}

	@GetMapping("/{id}")
	WorkflowSnapshot get(@PathVariable String id) {
		WorkflowSnapshot snapshot = this.jobs.workflow(id).snapshot();
		if (snapshot.status() == WorkflowStatus.EXPIRED) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No workflow '" + id + "'");
		}
		return snapshot;
	}

}
