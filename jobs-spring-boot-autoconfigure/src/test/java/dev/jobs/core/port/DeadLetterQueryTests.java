package dev.jobs.core.port;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.jobs.FailureReason;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which dead-letter entries a query selects, including letters whose body was not a job.
 */
class DeadLetterQueryTests {

	private final DeadLetterEntry job = entry("job-1", "send-webhook", FailureReason.NOT_RETRYABLE, "job-1", 0);

	private final DeadLetterEntry garbage = entry(null, null, FailureReason.MALFORMED, "garbage-1", 1);

	private final DeadLetterEntry anonymous = entry(null, null, FailureReason.MALFORMED, null, 2);

	/**
	 * Issue 10, item 12: {@code Set.of(...).contains(null)} threw for a letter without a job id,
	 * so one garbage message failed every browse, replay and purge that named ids.
	 */
	@Test
	void letterWithoutAJobIdIsNotSelectedByIdsAndDoesNotThrow() {
		DeadLetterQuery byIds = DeadLetterQuery.first(10).ids(Set.of("job-1"));

		assertThat(byIds.matches(this.job)).isTrue();
		assertThat(byIds.matches(this.garbage)).isFalse();
		assertThat(byIds.matches(this.anonymous)).isFalse();
	}

	@Test
	void letterWithoutAJobIdIsSelectedByReasonMessageIdOrPosition() {
		assertThat(DeadLetterQuery.first(10).reason(FailureReason.MALFORMED).matches(this.garbage)).isTrue();
		assertThat(DeadLetterQuery.first(10).reason(FailureReason.MALFORMED).matches(this.job)).isFalse();
		assertThat(DeadLetterQuery.first(10).messageIds(Set.of("garbage-1")).matches(this.garbage)).isTrue();
		assertThat(DeadLetterQuery.first(10).messageIds(Set.of("garbage-1")).matches(this.anonymous)).isFalse();
		assertThat(DeadLetterQuery.first(10).positions(Set.of(2)).matches(this.anonymous)).isTrue();
		assertThat(DeadLetterQuery.first(10).positions(Set.of(2)).matches(this.garbage)).isFalse();
	}

	@Test
	void everySelectorMakesAQuerySelective() {
		assertThat(DeadLetterQuery.first(10).isSelective()).isFalse();
		assertThat(DeadLetterQuery.first(10).reason(FailureReason.MALFORMED).isSelective()).isTrue();
		assertThat(DeadLetterQuery.first(10).messageIds(Set.of("m")).isSelective()).isTrue();
		assertThat(DeadLetterQuery.first(10).positions(Set.of(0)).isSelective()).isTrue();
		assertThat(DeadLetterQuery.first(10).task("t").queue("q").ids(Set.of("i")).isSelective()).isTrue();
	}

	private static DeadLetterEntry entry(String jobId, String task, FailureReason reason, String messageId,
			int position) {
		return new DeadLetterEntry(jobId, task, "critical", null, 0, null, "", null, Instant.EPOCH, Instant.EPOCH,
				reason, 0, new MessageAttributes(messageId, null, null, null), position);
	}

}
