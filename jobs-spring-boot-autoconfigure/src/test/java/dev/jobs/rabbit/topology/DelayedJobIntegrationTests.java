package dev.jobs.rabbit.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.BackgroundTask;
import dev.jobs.JobHandle;
import dev.jobs.JobOptions;
import dev.jobs.JobRequest;
import dev.jobs.JobStatus;
import dev.jobs.Jobs;
import dev.jobs.JobsContextRunner;
import dev.jobs.LocalBroker;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Countdowns and ETAs wait in the broker's delay levels and arrive when due.
 */
class DelayedJobIntegrationTests {

	private final JobsContextRunner runner = new JobsContextRunner();

	@AfterEach
	void cleanUp() {
		this.runner.cleanUp();
	}

	@Test
	void delayedJobStartsWithinASecondAfterItsDueTime() {
		this.runner.worker().withUserConfiguration(TaskConfiguration.class).run((context) -> {
			Jobs jobs = context.getBean(Jobs.class);
			Instant enqueued = Instant.now();

			JobHandle<Instant> handle = jobs.with(JobOptions.defaults().delay(Duration.ofSeconds(3)))
				.enqueue(ClockTasks::startedAt, "delay");

			Instant started = handle.await(Duration.ofSeconds(20));
			// The broker expires a level's message by its own timer, whose milliseconds are not the
			// JVM's: seen once to hand the job on 1 ms before this clock said 3 s had passed.
			assertThat(Duration.between(enqueued, started).toMillis()).isBetween(2_990L, 4_500L);
		});
	}

	@Test
	void jobWithAnEtaStartsAtItsEta() {
		this.runner.worker().withUserConfiguration(TaskConfiguration.class).run((context) -> {
			Instant eta = Instant.now().plusSeconds(5);

			JobHandle<Instant> handle = context.getBean(Jobs.class)
				.with(JobOptions.defaults().eta(eta))
				.enqueue(ClockTasks::startedAt, "eta");

			assertThat(handle.status()).isEqualTo(JobStatus.PENDING);
			Instant started = handle.await(Duration.ofSeconds(20));
			assertThat(Duration.between(eta, started).toMillis()).isCloseTo(500L, within(600L));
		});
	}

	/**
	 * Issue 10, item 3: classic delay levels hand messages on at most once, so a node loss lost
	 * the delayed jobs in flight. The levels are quorum queues with at-least-once
	 * dead-lettering now.
	 */
	@Test
	void delayedJobArrivesThroughQuorumDelayLevelsThatDeadLetterAtLeastOnce() {
		this.runner.worker().withUserConfiguration(TaskConfiguration.class).run((context) -> {
			JobHandle<Instant> handle = context.getBean(Jobs.class)
				.with(JobOptions.defaults().delay(Duration.ofSeconds(3)))
				.enqueue(ClockTasks::startedAt, "quorum");

			assertThat(handle.await(Duration.ofSeconds(20))).isNotNull();
			for (String level : this.runner.topology().delayQueueNames()) {
				assertThat(LocalBroker.listedTypeAndArguments(level)).startsWith("quorum")
					.contains("at-least-once")
					.contains("reject-publish");
			}
		});
	}

	/**
	 * An application that used classic delay levels before keeps its jobs delayed there when it
	 * moves to quorum levels: the quorum levels have names of their own (redeclaring the classic
	 * queues as quorum would fail with PRECONDITION_FAILED), and the classic ones still drain
	 * into the job queue.
	 */
	@Test
	void jobDelayedInClassicLevelsArrivesAfterTheApplicationMovesToQuorumLevels() {
		List<JobHandle<Instant>> handles = new ArrayList<>();
		this.runner.producer()
			.withUserConfiguration(TaskConfiguration.class)
			.withPropertyValues("jobs.rabbit.delay-queue-type=classic")
			.run((context) -> handles.add(context.getBean(Jobs.class)
				.with(JobOptions.defaults().delay(Duration.ofSeconds(4)))
				.enqueue(ClockTasks::startedAt, "classic")));
		JobsTopology classicLevels = new JobsTopology(this.runner.topology().prefix(), QueueType.CLASSIC, List::of);
		assertThat(LocalBroker.listedTypeAndArguments(classicLevels.delayLevel(2))).startsWith("classic");

		this.runner.worker().withUserConfiguration(TaskConfiguration.class).run((context) -> {
			JobHandle<Instant> quorum = context.getBean(Jobs.class)
				.with(JobOptions.defaults().delay(Duration.ofSeconds(2)))
				.enqueue(ClockTasks::startedAt, "quorum");

			assertThat(quorum.await(Duration.ofSeconds(20))).isNotNull();
			JobHandle<Instant> classic = context.getBean(Jobs.class).handle(handles.get(0).id(), Instant.class);
			assertThat(classic.await(Duration.ofSeconds(20))).isNotNull();
			assertThat(context.getBean(ClockTasks.class).starts()).containsOnlyKeys("classic", "quorum");
		});
	}

	@Test
	void delayBeyondTheLongestLevelIsRefusedAtEnqueue() {
		this.runner.producer().withUserConfiguration(TaskConfiguration.class).run((context) -> {
			Jobs jobs = context.getBean(Jobs.class);
			assertThatIllegalArgumentException()
				.isThrownBy(() -> jobs.with(JobOptions.defaults().eta(Instant.now().plus(Duration.ofDays(60))))
					.enqueue(ClockTasks::startedAt, "too far"));
			assertThatIllegalArgumentException()
				.isThrownBy(() -> JobOptions.defaults().delay(Duration.ofDays(49)));
		});
	}

	@Test
	void tenThousandJobsDelayedAnHourWaitInTheBrokerNotInTheWorker() {
		this.runner.worker().withUserConfiguration(TaskConfiguration.class).run((context) -> {
			// 3600 s = 2048 + 1024 + 512 + 16: every job first waits in level 11.
			String level = this.runner.topology().delayLevel(11);
			long before = LocalBroker.messageCount(level);
			Jobs jobs = context.getBean(Jobs.class);
			JobOptions inAnHour = JobOptions.defaults().delay(Duration.ofHours(1));
			try {
				for (int batch = 0; batch < 10; batch++) {
					List<JobRequest> requests = new ArrayList<>();
					for (int i = 0; i < 1_000; i++) {
						requests.add(new JobRequest("ClockTasks.startedAt", List.of("later-" + batch + "-" + i),
								inAnHour));
					}
					jobs.enqueueAll(requests);
				}

				assertThat(LocalBroker.messageCount(level) - before).isEqualTo(10_000);
				assertThat(LocalBroker.messageCount(this.runner.brokerQueue())).isZero();
				assertThat(context.getBean(ClockTasks.class).starts()).isEmpty();
			}
			finally {
				LocalBroker.withChannel((channel) -> channel.queuePurge(level));
			}
		});
	}

	static class ClockTasks {

		private final Map<String, Instant> starts = new ConcurrentHashMap<>();

		Map<String, Instant> starts() {
			return this.starts;
		}

		@BackgroundTask
		Instant startedAt(String key) {
			Instant now = Instant.now();
			this.starts.put(key, now);
			return now;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TaskConfiguration {

		@Bean
		ClockTasks clockTasks() {
			return new ClockTasks();
		}

	}

}
