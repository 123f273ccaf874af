package dev.jobs.core.execution;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.rabbitmq.client.AMQP;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.JobHandle;
import dev.jobs.Jobs;
import dev.jobs.JobsContextRunner;
import dev.jobs.LocalBroker;
import dev.jobs.core.envelope.JobCodecs;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fuzz of {@link MessageFuzzTests} through the real broker: random and mutated bodies
 * published raw to a job queue all leave it, each acknowledged or in the dead-letter queue with
 * its reason, and the worker still runs the job published after them.
 */
class MessageFuzzIntegrationTests {

	private static final int MESSAGES = 500;

	private final JobsContextRunner runner = new JobsContextRunner();

	@AfterEach
	void cleanUp() {
		this.runner.cleanUp();
	}

	@Test
	void everyFuzzedMessageLeavesTheQueueAckedOrDeadLetteredWithAReasonAndTheNextJobRuns() {
		long seed = Long.getLong("jobs.fuzz.seed", 20261202L);
		System.out.println("MessageFuzzIntegrationTests seed=" + seed + " (replay: -Djobs.fuzz.seed=" + seed + ")");
		FuzzedBodies bodies = new FuzzedBodies(JobCodecs.create(), this.runner.queue(), Instant.now(), seed);
		this.runner.worker()
			.withPropertyValues("jobs.retry.default.max-attempts=1")
			.withUserConfiguration(FuzzTaskConfiguration.class)
			.run((context) -> {
				publishRaw(bodies, MESSAGES);

				JobHandle<String> next = context.getBean(Jobs.class).enqueue(FuzzedBodies.FuzzTasks::echo, "still working");

				assertThat(next.await(Duration.ofSeconds(60))).isEqualTo("still working");
				await().atMost(Duration.ofSeconds(60))
					.pollInterval(Duration.ofSeconds(2))
					.untilAsserted(() -> assertThat(LocalBroker.listedCounts(this.runner.brokerQueue()).held()).isZero());
				List<LocalBroker.Letter> letters = this.runner.deadLetters();
				Map<String, Integer> reasons = new TreeMap<>();
				letters.forEach((letter) -> reasons.merge(String.valueOf(letter.header("x-jobs-reason")), 1, Integer::sum));
				System.out.println("MessageFuzzIntegrationTests dead letters by reason " + reasons + ", acknowledged "
						+ "without a dead letter " + (MESSAGES - letters.size()));
				assertThat(letters).isNotEmpty()
					.allSatisfy((letter) -> assertThat(letter.header("x-jobs-reason")).isNotBlank());
				assertThat(reasons).containsKeys("MALFORMED", "UNKNOWN_TASK", "ARGUMENT_TYPE");
				assertThat(letters.size()).isLessThan(MESSAGES);
			});
	}

	private void publishRaw(FuzzedBodies bodies, int count) {
		LocalBroker.withChannel((channel) -> {
			channel.confirmSelect();
			for (int i = 0; i < count; i++) {
				channel.basicPublish(this.runner.topology().exchange(), this.runner.queue(), true,
						new AMQP.BasicProperties.Builder().contentType("application/json").deliveryMode(2).build(),
						bodies.next().body());
			}
			try {
				channel.waitForConfirmsOrDie(30_000);
			}
			catch (InterruptedException | java.util.concurrent.TimeoutException ex) {
				throw new IllegalStateException("the fuzzed messages were not confirmed", ex);
			}
			return null;
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class FuzzTaskConfiguration {

		@Bean
		FuzzedBodies.FuzzTasks fuzzTasks() {
			return new FuzzedBodies.FuzzTasks();
		}

	}

}
