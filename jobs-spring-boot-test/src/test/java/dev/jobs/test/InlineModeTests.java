package dev.jobs.test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import dev.jobs.JobHandle;
import dev.jobs.JobOptions;
import dev.jobs.JobStatus;
import dev.jobs.Jobs;
import dev.jobs.core.port.JobPublisher;
import dev.jobs.core.port.ResultStore;
import dev.jobs.rabbit.JobConsumers;
import dev.jobs.test.ShopTestApplication.PriceTasks;
import dev.jobs.test.ShopTestApplication.Quote;
import dev.jobs.test.memory.InMemoryJobBroker;
import dev.jobs.test.memory.InMemoryResultStore;
import dev.jobs.workflow.WorkflowHandle;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.jobs.workflow.Workflows.chain;
import static dev.jobs.workflow.Workflows.sig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code INLINE} mode: jobs run through the real worker as they are enqueued, with RabbitMQ and
 * Redis pointed at a closed port.
 */
@SpringBootTest(classes = ShopTestApplication.class)
@AutoConfigureJobs(mode = JobsTestMode.INLINE)
class InlineModeTests {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		ShopTestApplication.noBrokerNoRedis(registry);
	}

	@Autowired
	Jobs jobs;

	@Autowired
	JobsTestHarness harness;

	@Autowired
	PriceTasks tasks;

	@Autowired
	ShopTestApplication.Failures failures;

	@Autowired
	ApplicationContext context;

	@Test
	void theBrokerAndTheStoresAreInMemoryAndNoConsumerExists() {
		assertThat(this.context.getBean(JobPublisher.class)).isInstanceOf(InMemoryJobBroker.class);
		assertThat(this.context.getBean(ResultStore.class)).isInstanceOf(InMemoryResultStore.class);
		assertThat(this.context.getBeanProvider(JobConsumers.class).getIfAvailable()).isNull();
		assertThat(this.harness.mode()).isEqualTo(JobsTestMode.INLINE);
	}

	@Test
	void aJobRunsBeforeItsEnqueueReturnsAndItsResultIsRead() {
		JobHandle<Quote> quote = this.jobs.enqueue(PriceTasks::quote, "tea", 3, new BigDecimal("2.50"));

		assertThat(quote.status()).isEqualTo(JobStatus.SUCCESS);
		assertThat(quote.await(Duration.ofSeconds(1))).isEqualTo(new Quote("tea", new BigDecimal("7.50")));
		assertThat(this.harness.enqueued("quote")).singleElement().satisfies((job) -> {
			assertThat(job.args()).containsExactly("tea", 3, new BigDecimal("2.50"));
			assertThat(job.attempt()).isEqualTo(1);
		});
	}

	@Test
	void aRetryWaitsForItsBackoffOnTheVirtualClock() {
		Instant start = this.harness.clock().instant();
		JobHandle<String> sync = this.jobs.enqueue(PriceTasks::flakySync, "coffee");

		assertThat(sync.snapshot().status()).isEqualTo(JobStatus.RETRYING);
		assertThat(sync.snapshot().nextAttemptAt()).isEqualTo(start.plusSeconds(10));
		assertThat(this.harness.advance(Duration.ofSeconds(9))).isZero();
		assertThat(this.harness.advance(Duration.ofSeconds(1))).isEqualTo(1);
		assertThat(sync.snapshot().nextAttemptAt()).isEqualTo(start.plusSeconds(70));
		this.harness.advance(Duration.ofSeconds(60));

		assertThat(sync.snapshot().status()).isEqualTo(JobStatus.SUCCESS);
		assertThat(sync.snapshot().attempts()).isEqualTo(3);
		assertThat(sync.await(Duration.ofSeconds(1))).isEqualTo("synced coffee");
		assertThat(this.harness.enqueued("flaky-sync")).extracting(CapturedJob::attempt, CapturedJob::dueAt)
			.containsExactly(Tuple.tuple(1, null),
					Tuple.tuple(2, start.plusSeconds(10)),
					Tuple.tuple(3, start.plusSeconds(70)));
	}

	@Test
	void aDelayedJobRunsWhenTheClockReachesIt() {
		JobHandle<Quote> later = this.jobs.with(JobOptions.defaults().delay(Duration.ofMinutes(5)))
			.enqueue(PriceTasks::quote, "cocoa", 1, BigDecimal.ONE);

		assertThat(later.status()).isEqualTo(JobStatus.PENDING);
		this.harness.advance(Duration.ofMinutes(4));
		assertThat(later.status()).isEqualTo(JobStatus.PENDING);
		this.harness.advance(Duration.ofMinutes(1));
		assertThat(later.status()).isEqualTo(JobStatus.SUCCESS);
	}

	@Test
	void aJobThatFailsForGoodIsDeadLetteredAndHeardByTheFailureListeners() {
		JobHandle<Void> withdrawn = this.jobs.enqueue(PriceTasks::withdraw, "chicory");

		assertThat(withdrawn.status()).isEqualTo(JobStatus.FAILURE);
		assertThat(this.harness.deadLetters()).singleElement()
			.satisfies((letter) -> assertThat(letter.task()).isEqualTo("withdraw"));
		assertThat(this.failures.heard).anySatisfy((failure) -> {
			assertThat(failure.jobId()).isEqualTo(withdrawn.id());
			assertThat(failure.error().message()).contains("chicory is not sold any more");
		});
	}

	@Test
	void aChainRunsEachStepWithTheResultBeforeIt() {
		WorkflowHandle<String> mailed = this.jobs
			.submit(chain(sig(PriceTasks::quote, "mate", 2, new BigDecimal("4.00")), sig(PriceTasks::mailQuote)));

		assertThat(mailed.await(Duration.ofSeconds(1))).isEqualTo("mailed mate");
		assertThat(this.tasks.mailed()).contains("mate=8.00");
	}

	@Test
	void theHarnessForgetsJobsBetweenTests() {
		this.jobs.enqueue(PriceTasks::quote, "rooibos", 1, BigDecimal.TEN);
		assertThat(this.harness.enqueued()).hasSize(1);
		this.harness.reset();
		assertThat(this.harness.enqueued()).isEmpty();
	}

}
