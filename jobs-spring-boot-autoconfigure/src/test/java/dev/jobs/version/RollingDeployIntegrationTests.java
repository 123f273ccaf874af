package dev.jobs.version;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.BackgroundTask;
import dev.jobs.JobHandle;
import dev.jobs.JobSnapshot;
import dev.jobs.JobStatus;
import dev.jobs.Jobs;
import dev.jobs.JobsContextRunner;
import dev.jobs.LocalBroker;
import dev.jobs.TaskUpcaster;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Jobs outlive the code that enqueued them: jobs of version 1 queued before a deploy run, upcast,
 * on the instance of version 2 that replaces it; a job of version 3 waits on an instance of
 * version 2, no attempt spent and not dead-lettered, until an instance of version 3 takes it.
 */
class RollingDeployIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final Queue<String> V2_RUNS = new ConcurrentLinkedQueue<>();

	private static final Queue<String> V3_RUNS = new ConcurrentLinkedQueue<>();

	private final JobsContextRunner jobs = new JobsContextRunner();

	@AfterEach
	void cleanUp() {
		V2_RUNS.clear();
		V3_RUNS.clear();
		this.jobs.cleanUp();
	}

	@Test
	void jobsOfVersion1QueuedBeforeTheDeployRunUpcastOnVersion2() {
		List<String> ids = new ArrayList<>();
		// Version 1 of the application enqueues and stops before it ran them.
		this.jobs.producer().withUserConfiguration(Version1.class).run((v1) -> {
			ids.add(v1.getBean(Jobs.class).enqueue("greet", "Ada Lovelace").id());
			ids.add(v1.getBean(Jobs.class).enqueue("greet", "Alan Turing").id());
		});
		assertThat(LocalBroker.messageCount(this.jobs.brokerQueue())).isEqualTo(2);

		version2().run((v2) -> {
			Jobs jobs = v2.getBean(Jobs.class);
			assertThat(ids).map((id) -> jobs.handle(id).await(TIMEOUT))
				.containsExactly("Hello Lovelace, Ada", "Hello Turing, Alan");
			assertThat(V2_RUNS).containsExactlyInAnyOrder("Ada|Lovelace", "Alan|Turing");
			assertThat(ids).allSatisfy((id) -> assertThat(jobs.handle(id).snapshot().attempts()).isEqualTo(1));
		});
	}

	@Test
	void jobOfVersion3WaitsOnAVersion2WorkerAndRunsOnceAVersion3WorkerStarts() {
		version2().run((v2) -> {
			// The new version's first instance enqueues before any of its workers runs.
			JobHandle<Object> handle = v2.getBean(Jobs.class).handle(enqueueFromVersion3());
			// The old instance has looked at it and put it off, more than once, without running it.
			await().atMost(TIMEOUT).untilAsserted(() -> {
				JobSnapshot snapshot = handle.snapshot();
				assertThat(snapshot.status()).isEqualTo(JobStatus.DEFERRED);
				assertThat(snapshot.reason()).isEqualTo("newer_version");
			});
			assertThat(V2_RUNS).isEmpty();
			assertThat(this.jobs.deadLetters()).isEmpty();

			version3().run((v3) -> {
				assertThat(handle.await(TIMEOUT)).isEqualTo("Hi Ada Lovelace, from the team");
				assertThat(V3_RUNS).containsExactly("Ada|Lovelace|the team");
				assertThat(handle.snapshot().attempts()).isEqualTo(1);
			});
			assertThat(V2_RUNS).isEmpty();
			assertThat(this.jobs.deadLetters()).isEmpty();
		});
	}

	private String enqueueFromVersion3() {
		List<String> id = new ArrayList<>();
		this.jobs.producer()
			.withUserConfiguration(Version3.class)
			.withPropertyValues("jobs.versions.window=1")
			.run((v3) -> id.add(v3.getBean(Jobs.class).enqueue("greet", "Ada", "Lovelace", "the team").id()));
		return id.get(0);
	}

	private ApplicationContextRunner version2() {
		return this.jobs.worker()
			.withUserConfiguration(Version2.class)
			.withPropertyValues("jobs.versions.defer-delay=1s");
	}

	private ApplicationContextRunner version3() {
		return this.jobs.worker()
			.withUserConfiguration(Version3.class)
			.withPropertyValues("jobs.versions.window=1");
	}

	@Configuration(proxyBeanMethods = false)
	static class Version1 {

		@Bean
		GreetingsV1 greetings() {
			return new GreetingsV1();
		}

	}

	static class GreetingsV1 {

		@BackgroundTask(name = "greet")
		String greet(String name) {
			return "Hello " + name;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Version2 {

		@Bean
		GreetingsV2 greetings() {
			return new GreetingsV2();
		}

		/** Version 2 split the name in two. */
		@Bean
		TaskUpcaster greetV1ToV2() {
			return TaskUpcaster.of("greet", 1, (args) -> {
				String[] parts = ((String) args.get(0)).split(" ", 2);
				return new ArrayList<>(List.of(parts[0], parts[1]));
			});
		}

	}

	static class GreetingsV2 {

		@BackgroundTask(name = "greet", version = 2)
		String greet(String first, String last) {
			V2_RUNS.add(first + "|" + last);
			return "Hello " + last + ", " + first;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Version3 {

		@Bean
		GreetingsV3 greetings() {
			return new GreetingsV3();
		}

		/** Version 3 took who the greeting is from. */
		@Bean
		TaskUpcaster greetV2ToV3() {
			return TaskUpcaster.of("greet", 2, (args) -> {
				args.add("us");
				return args;
			});
		}

	}

	static class GreetingsV3 {

		@BackgroundTask(name = "greet", version = 3)
		String greet(String first, String last, String from) {
			V3_RUNS.add(first + "|" + last + "|" + from);
			return "Hi " + first + " " + last + ", from " + from;
		}

	}

}
