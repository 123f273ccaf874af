package dev.jobs.sample.failure;

import java.util.List;

import dev.jobs.JobFailure;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/failures}: the jobs that failed for good on this instance's worker, as its
 * {@link RecentFailures} listener heard of them. Kept in memory, so empty after a restart;
 * the dead-letter queue ({@code /actuator/jobs/dlq}) is the durable record.
 */
@RestController
@RequestMapping("/api/failures")
public class FailureController {

	private final RecentFailures failures;

	public FailureController(RecentFailures failures) {
		this.failures = failures;
	}

	@GetMapping
	List<JobFailure> latest() {
		return this.failures.latest();
	}

}
