package dev.jobs.sample.job;

import dev.jobs.JobSnapshot;
import dev.jobs.JobStatus;
import dev.jobs.Jobs;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /api/jobs}: the state of any job by its id, read from the result store, so any
 * instance can answer for a job that another instance enqueued or ran; {@code DELETE} cancels it. An id without a record
 * ({@link JobStatus#UNKNOWN}: never enqueued, or its record expired) answers 404.
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
		JobSnapshot<Object> snapshot = this.jobs.handle(id).snapshot();
		if (snapshot.status() == JobStatus.UNKNOWN) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No job '" + id + "'");
		}
		return JobView.of(snapshot);
	}

	/**
	 * Cancels a job (or a workflow, by its id) on every instance: skipped if it waits, interrupted
	 * if it runs; one that has ended stays as it ended.
	 * @param id the job or workflow id
	 * @return the job's state after the cancel
	 */
	@DeleteMapping("/{id}")
	JobView cancel(@PathVariable String id) {
		JobView job = get(id);
		this.jobs.cancel(id);
		return JobView.of(this.jobs.handle(job.id()).snapshot());
	}

}
