package dev.jobs.core.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.jobs.BackgroundTask;
import dev.jobs.JobContext;
import dev.jobs.JobStatus;
import dev.jobs.Jobs;
import dev.jobs.JobsContextRunner;
import dev.jobs.MovableClock;
import dev.jobs.core.port.ScheduleOperations;
import dev.jobs.core.port.ScheduleView;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Schedules against the real RabbitMQ and Redis, with several application contexts standing
 * for several instances of one application: each slot becomes exactly one job, run once.
 */
class ScheduleIntegrationTests {

	private static final Queue<Run> runs = new ConcurrentLinkedQueue<>();

	private static volatile CountDownLatch release = new CountDownLatch(0);

	private final JobsContextRunner runner = new JobsContextRunner();

	@BeforeEach
	void reset() {
		runs.clear();
		release = new CountDownLatch(0);
	}

	@AfterEach
	void cleanUp() {
		release.countDown();
		this.runner.cleanUp();
	}

	@Test
	void threeInstancesWithTheSameScheduleMakeOneJobPerSlot() {
		ApplicationContextRunner instance = this.runner.worker()
			.withUserConfiguration(Tasks.class)
			.withPropertyValues("jobs.schedules.tick.task=tick", "jobs.schedules.tick.every=1s",
					"jobs.schedules.tick.args[0]=from-yml");
		instance.run((one) -> instance.run((two) -> instance.run((three) -> {
			await().atMost(Duration.ofSeconds(30)).until(() -> runs.size() >= 10);
		})));
		assertOneJobPerSlot("tick", "from-yml");
	}

	@Test
	void scheduledOnABackgroundTaskWithEnableSchedulingMakesOneJobPerSlotAndNeverRunsOnTheSchedulerThread() {
		ApplicationContextRunner instance = this.runner.worker().withUserConfiguration(ScheduledTasks.class);
		instance.run((one) -> instance.run((two) -> instance.run((three) -> {
			await().atMost(Duration.ofSeconds(30)).until(() -> runs.size() >= 8);
			assertThat(one.getBean(ScheduleOperations.class).schedules()).extracting(ScheduleView::name)
				.containsExactly("every-second");
		})));
		assertOneJobPerSlot("every-second", null);
		assertThat(runs).allSatisfy((run) -> assertThat(run.thread()).startsWith("jobs-worker-"));
	}

	@Test
	void aJobThatCouldNotStartBeforeItExpiredIsDroppedAsExpired() {
		ApplicationContextRunner producer = this.runner.producer()
			.withUserConfiguration(Tasks.class)
			.withPropertyValues("jobs.schedules.tick.task=tick", "jobs.schedules.tick.every=1s",
					"jobs.schedules.tick.args[0]=late", "jobs.schedules.tick.expires=1s");
		String[] jobId = new String[1];
		producer.run((context) -> {
			ScheduleOperations schedules = context.getBean(ScheduleOperations.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> schedules.schedules().get(0).lastJobId() != null);
			jobId[0] = schedules.schedules().get(0).lastJobId();
		});
		Instant expiry = slotOf(jobId[0]).plusSeconds(1);
		await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(expiry));
		this.runner.worker().withUserConfiguration(Tasks.class).run((worker) -> {
			Jobs jobs = worker.getBean(Jobs.class);
			await().atMost(Duration.ofSeconds(20)).until(() -> jobs.handle(jobId[0]).status() == JobStatus.EXPIRED);
		});
		assertThat(runs).isEmpty();
	}

	@Test
	void afterASimulatedDowntimeASlotWithinGraceFiresOnceAndOnePastGraceIsCountedAsMissed() {
		MovableClock clock = new MovableClock(Instant.parse("2026-12-01T10:00:01Z"));
		ApplicationContextRunner instance = this.runner.worker()
			.withUserConfiguration(Tasks.class)
			.withBean("jobsClock", Clock.class, () -> clock)
			.withPropertyValues("jobs.schedules.lenient.task=tick", "jobs.schedules.lenient.cron=@hourly",
					"jobs.schedules.lenient.args[0]=lenient", "jobs.schedules.lenient.misfire-grace=30m",
					"jobs.schedules.strict.task=tick", "jobs.schedules.strict.cron=@hourly",
					"jobs.schedules.strict.args[0]=strict", "jobs.schedules.strict.misfire-grace=10m");
		instance.run((context) -> await().atMost(Duration.ofSeconds(20)).until(() -> runs.size() == 2));
		clock.set(Instant.parse("2026-12-01T15:20:00Z"));
		instance.run((context) -> {
			await().atMost(Duration.ofSeconds(20)).until(() -> runs.size() == 3);
			ScheduleOperations schedules = context.getBean(ScheduleOperations.class);
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				ScheduleView lenient = view(schedules, "lenient");
				ScheduleView strict = view(schedules, "strict");
				assertThat(lenient.missed()).isEqualTo(4);
				assertThat(lenient.lastSlot()).isEqualTo(Instant.parse("2026-12-01T15:00:00Z"));
				assertThat(strict.missed()).isEqualTo(5);
				assertThat(strict.lastJobId()).isEqualTo(runs.stream()
					.filter((run) -> run.arg().equals("strict"))
					.findFirst()
					.orElseThrow()
					.jobId());
			});
		});
		assertThat(runs).extracting(Run::arg).containsExactlyInAnyOrder("lenient", "strict", "lenient");
	}

	@Test
	void maxInstancesSkipsSlotsWhileThePreviousJobIsStillRunning() {
		release = new CountDownLatch(1);
		this.runner.worker()
			.withUserConfiguration(Tasks.class)
			.withPropertyValues("jobs.schedules.slow.task=slow", "jobs.schedules.slow.every=1s")
			.run((context) -> {
				ScheduleOperations schedules = context.getBean(ScheduleOperations.class);
				await().atMost(Duration.ofSeconds(20)).until(() -> view(schedules, "slow").skipped() >= 2);
				assertThat(runs).hasSize(1);
				assertThat(view(schedules, "slow").lastJobStatus()).isEqualTo(JobStatus.STARTED);
				release.countDown();
				await().atMost(Duration.ofSeconds(20)).until(() -> runs.size() >= 2);
			});
	}

	@Test
	void pausingOnOneInstanceStopsTheScheduleOnAllAndResumingStartsItAgain() {
		ApplicationContextRunner instance = this.runner.worker()
			.withUserConfiguration(Tasks.class)
			.withPropertyValues("jobs.schedules.tick.task=tick", "jobs.schedules.tick.every=1s",
					"jobs.schedules.tick.args[0]=paused");
		instance.run((one) -> instance.run((two) -> instance.run((three) -> {
			await().atMost(Duration.ofSeconds(20)).until(() -> runs.size() >= 2);
			assertThat(one.getBean(ScheduleOperations.class).pause("tick", true)).isTrue();
			await().atMost(Duration.ofSeconds(5)).until(() -> view(two.getBean(ScheduleOperations.class), "tick").paused());
			// A job enqueued just before the pause may still run: a pause stops slots, not jobs in flight.
			int allowed = runs.size() + 1;
			await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> runs.size() <= allowed);
			assertThat(three.getBean(ScheduleOperations.class).pause("tick", false)).isTrue();
			await().atMost(Duration.ofSeconds(10)).until(() -> runs.size() > allowed);
		})));
	}

	@Test
	void aTriggerEnqueuesOneJobNowEvenWhilePaused() {
		this.runner.worker()
			.withUserConfiguration(Tasks.class)
			.withPropertyValues("jobs.schedules.daily.task=tick", "jobs.schedules.daily.cron=0 0 3 * * *",
					"jobs.schedules.daily.args[0]=by-hand")
			.run((context) -> {
				ScheduleOperations schedules = context.getBean(ScheduleOperations.class);
				schedules.pause("daily", true);
				String jobId = schedules.trigger("daily").orElseThrow();
				await().atMost(Duration.ofSeconds(20)).until(() -> runs.size() == 1);
				assertThat(runs.peek().jobId()).isEqualTo(jobId);
				assertThat(view(schedules, "daily").lastJobId()).isEqualTo(jobId);
				assertThat(schedules.trigger("no-such-schedule")).isEmpty();
			});
	}

	private static Instant slotOf(String jobId) {
		return Instant.ofEpochMilli(UUID.fromString(jobId).getMostSignificantBits() >>> 16);
	}

	private static ScheduleView view(ScheduleOperations schedules, String name) {
		return schedules.schedules().stream().filter((view) -> view.name().equals(name)).findFirst().orElseThrow();
	}

	/**
	 * Every run is of a different job, every job id is the one derived from its slot, and the
	 * slots follow each other without a gap.
	 */
	private static void assertOneJobPerSlot(String schedule, String arg) {
		List<Run> all = new ArrayList<>(runs);
		assertThat(all).extracting(Run::jobId).doesNotHaveDuplicates();
		Schedule definition = Schedule.of(schedule, "tick", new FixedRateSlots(Duration.ofSeconds(1)), "test");
		TreeSet<Instant> slots = new TreeSet<>();
		for (Run run : all) {
			Instant slot = slotOf(run.jobId());
			assertThat(run.jobId()).isEqualTo(definition.jobIdFor(slot));
			assertThat(run.arg()).isEqualTo(arg);
			slots.add(slot);
		}
		assertThat(slots).hasSameSizeAs(all);
		assertThat(Duration.between(slots.first(), slots.last()).toSeconds()).isEqualTo(slots.size() - 1);
	}

	record Run(String jobId, String arg, String thread) {
	}

	@Configuration(proxyBeanMethods = false)
	static class Tasks {

		@Bean
		TickTasks tickTasks() {
			return new TickTasks();
		}

	}

	static class TickTasks {

		@BackgroundTask(name = "tick")
		public void tick(String arg) {
			runs.add(new Run(JobContext.current().jobId(), arg, Thread.currentThread().getName()));
		}

		@BackgroundTask(name = "slow")
		public void slow() throws InterruptedException {
			runs.add(new Run(JobContext.current().jobId(), null, Thread.currentThread().getName()));
			release.await(30, TimeUnit.SECONDS);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class ScheduledTasks {

		@Bean
		EverySecond everySecond() {
			return new EverySecond();
		}

	}

	static class EverySecond {

		@BackgroundTask(name = "every-second")
		@Scheduled(cron = "* * * * * *")
		public void run() {
			String jobId = JobContext.isActive() ? JobContext.current().jobId() : "run inline, not as a job";
			runs.add(new Run(jobId, null, Thread.currentThread().getName()));
		}

	}

}
