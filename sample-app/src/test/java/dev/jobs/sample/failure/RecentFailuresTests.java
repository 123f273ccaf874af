package dev.jobs.sample.failure;

import java.time.Instant;
import java.util.stream.IntStream;

import dev.jobs.FailureReason;
import dev.jobs.JobError;
import dev.jobs.JobFailure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecentFailuresTests {

	private final RecentFailures failures = new RecentFailures();

	@Test
	void latestFailureComesFirst() {
		this.failures.onFailure(failure("j-1"));
		this.failures.onFailure(failure("j-2"));
		assertThat(this.failures.latest()).extracting(JobFailure::jobId).containsExactly("j-2", "j-1");
	}

	@Test
	void oldestFailuresAreDroppedBeyondTheCapacity() {
		IntStream.rangeClosed(1, RecentFailures.CAPACITY + 5).forEach((i) -> this.failures.onFailure(failure("j-" + i)));
		assertThat(this.failures.latest()).hasSize(RecentFailures.CAPACITY)
			.first()
			.extracting(JobFailure::jobId)
			.isEqualTo("j-" + (RecentFailures.CAPACITY + 5));
		assertThat(this.failures.latest()).last().extracting(JobFailure::jobId).isEqualTo("j-6");
	}

	private static JobFailure failure(String jobId) {
		return new JobFailure(jobId, "nightly-export", "default", 3,
				new JobError(IllegalStateException.class.getName(), "export target unreachable"), FailureReason.RETRIES_EXHAUSTED,
				Instant.now());
	}

}
