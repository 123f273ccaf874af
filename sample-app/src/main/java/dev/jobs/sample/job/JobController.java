package dev.jobs.sample.job;

import dev.jobs.Jobs;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/jobs}: the state of any job by its id, read from the result store, so any
 * instance can answer for a job that another instance enqueued or ran.
 */
@RestController
@RequestMapping("/api/jobs")
public class JobController {

	private final Jobs jobs;

	public JobController(Jobs jobs) {
		this.jobs = jobs;
	}

	@GetMapping("/{id}")
	JobView get(@PathVariable String id) {
		return JobView.of(this.jobs.handle(id).snapshot());
	}

}
