package dev.jobs.test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import dev.jobs.JobHandle;
import dev.jobs.JobOptions;
import dev.jobs.JobStatus;
import dev.jobs.Jobs;
import dev.jobs.test.ShopTestApplication.PriceTasks;
import dev.jobs.test.ShopTestApplication.Quote;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code CAPTURE} mode: enqueues are recorded with their decoded arguments and wait until the
 * test runs them.
 */
@SpringBootTest(classes = ShopTestApplication.class)
@AutoConfigureJobs(mode = JobsTestMode.CAPTURE)
class CaptureModeTests {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		ShopTestApplication.noBrokerNoRedis(registry);
	}

	@Autowired
	Jobs jobs;

	@Autowired
	JobsTestHarness harness;

	@Test
	void anEnqueueIsRecordedWithItsArgumentsAndNothingRuns() {
		JobHandle<Quote> quote = this.jobs.enqueue(PriceTasks::quote, "tea", 3, new BigDecimal("2.50"));

		assertThat(quote.status()).isEqualTo(JobStatus.PENDING);
		assertThat(this.harness.enqueued("quote")).singleElement().satisfies((job) -> {
			assertThat(job.id()).isEqualTo(quote.id());
			assertThat(job.queue()).isEqualTo("default");
			assertThat(job.arg(0, String.class)).isEqualTo("tea");
			assertThat(job.arg(2, BigDecimal.class)).isEqualByComparingTo("2.50");
		});
		assertThat(this.harness.waiting()).hasSize(1);
	}

	@Test
	void runAllRunsWhatIsDueAndLeavesWhatIsNot() {
		JobHandle<Quote> now = this.jobs.enqueue(PriceTasks::quote, "tea", 1, BigDecimal.ONE);
		JobHandle<Quote> later = this.jobs.with(JobOptions.defaults().delay(Duration.ofHours(1)))
			.enqueue(PriceTasks::quote, "coffee", 1, BigDecimal.ONE);

		assertThat(this.harness.runAll()).isEqualTo(1);

		assertThat(now.status()).isEqualTo(JobStatus.SUCCESS);
		assertThat(later.status()).isEqualTo(JobStatus.PENDING);
		assertThat(this.harness.waiting()).singleElement()
			.satisfies((job) -> assertThat(job.dueAt()).isEqualTo(this.harness.clock().instant().plus(Duration.ofHours(1))));
	}

	@Test
	void advanceOnlyMovesTheClockAndDrainRunsEverythingAtItsTime() {
		Instant start = this.harness.clock().instant();
		JobHandle<String> sync = this.jobs.enqueue(PriceTasks::flakySync, "cocoa");

		assertThat(this.harness.advance(Duration.ofMinutes(10))).isZero();
		assertThat(sync.status()).isEqualTo(JobStatus.PENDING);
		this.harness.runAll();
		assertThat(sync.snapshot().nextAttemptAt()).isEqualTo(start.plus(Duration.ofMinutes(10)).plusSeconds(10));

		assertThat(this.harness.drain()).isEqualTo(2);

		assertThat(sync.snapshot().status()).isEqualTo(JobStatus.SUCCESS);
		assertThat(sync.snapshot().attempts()).isEqualTo(3);
		assertThat(this.harness.clock().instant()).isEqualTo(start.plus(Duration.ofMinutes(10)).plusSeconds(70));
		assertThat(this.harness.waiting()).isEmpty();
	}

	@Test
	void theClockNeverMovesBack() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.harness.advance(Duration.ofSeconds(-1)))
			.withMessageContaining("never moves back");
	}

}
