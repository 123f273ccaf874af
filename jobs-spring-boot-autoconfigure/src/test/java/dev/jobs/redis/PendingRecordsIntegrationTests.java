package dev.jobs.redis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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
import dev.jobs.core.port.ResultRecord;
import dev.jobs.core.port.ResultStore;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every confirmed enqueue gives its job a {@code PENDING} record, written after the enqueue
 * returned, and a Redis that does not answer costs the enqueue nothing. No worker runs here, so
 * the records stay {@code PENDING}; an id without a record reads {@code UNKNOWN}.
 */
class PendingRecordsIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final JobsContextRunner jobs = new JobsContextRunner();

	@AfterEach
	void cleanUp() {
		this.jobs.cleanUp();
	}

	@Test
	void enqueuedJobHasAPendingRecordWithItsTaskQueueAndTimes() {
		this.jobs.producer().withUserConfiguration(TaskConfiguration.class).run((context) -> {
			Instant before = Instant.now();
			JobHandle<Object> handle = context.getBean(Jobs.class).enqueue("pending-echo", "now");

			ResultRecord record = awaitRecord(context.getBean(ResultStore.class), handle.id());
			assertThat(record.status()).isEqualTo(JobStatus.PENDING);
			assertThat(record.task()).isEqualTo("pending-echo");
			assertThat(record.queue()).isEqualTo(this.jobs.queue());
			assertThat(record.run()).isEqualTo(1);
			assertThat(record.attempts()).isZero();
			assertThat(record.enqueuedAt()).isBetween(before, Instant.now());
			assertThat(record.dueAt()).isNull();
			assertThat(context.getBean(Jobs.class).handle(handle.id()).status()).isEqualTo(JobStatus.PENDING);
		});
	}

	@Test
	void idThatWasNeverEnqueuedReadsUnknown() {
		this.jobs.producer().withUserConfiguration(TaskConfiguration.class).run((context) -> {
			JobHandle<Object> neverEnqueued = context.getBean(Jobs.class).handle(UUID.randomUUID().toString());

			assertThat(neverEnqueued.status()).isEqualTo(JobStatus.UNKNOWN);
			assertThat(neverEnqueued.snapshot().task()).isNull();
		});
	}

	@Test
	void delayedJobsPendingRecordSaysWhenItIsDue() {
		this.jobs.producer().withUserConfiguration(TaskConfiguration.class).run((context) -> {
			Duration delay = Duration.ofSeconds(2);
			Instant before = Instant.now();
			JobHandle<Object> handle = context.getBean(Jobs.class)
				.with(JobOptions.defaults().delay(delay))
				.enqueue("pending-echo", "later");

			ResultRecord record = awaitRecord(context.getBean(ResultStore.class), handle.id());
			assertThat(record.status()).isEqualTo(JobStatus.PENDING);
			assertThat(record.dueAt()).isBetween(before.plus(delay), Instant.now().plus(delay));
			// Wait for the job to arrive, so that nothing is left in the delay levels.
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(LocalBroker.messageCount(this.jobs.brokerQueue())).isOne());
		});
	}

	@Test
	void enqueueAllAndEnqueueAsyncGiveEveryJobAPendingRecord() {
		this.jobs.producer().withUserConfiguration(TaskConfiguration.class).run((context) -> {
			Jobs jobs = context.getBean(Jobs.class);
			List<JobRequest> requests = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				requests.add(JobRequest.of("pending-echo", "bulk " + i));
			}
			List<String> ids = new ArrayList<>(jobs.enqueueAll(requests).stream().map(JobHandle::id).toList());
			ids.add(jobs.enqueueAsync(JobRequest.of("pending-echo", "async")).get(20, TimeUnit.SECONDS).id());

			ResultStore store = context.getBean(ResultStore.class);
			assertThat(ids).allSatisfy((id) -> assertThat(awaitRecord(store, id).status()).isEqualTo(JobStatus.PENDING));
		});
	}

	@Test
	void enqueueNeitherFailsNorWaitsWhileRedisDoesNotAnswer() throws Exception {
		try (SilentServer silentRedis = new SilentServer()) {
			// The client waits up to 10 s for a reply: one enqueue waiting for Redis would take longer
			// than all of them may here.
			this.jobs.producer()
				.withUserConfiguration(TaskConfiguration.class)
				.withPropertyValues("spring.data.redis.port=" + silentRedis.port(), "spring.data.redis.timeout=10s",
						"spring.data.redis.connect-timeout=10s")
				.run((context) -> {
					Jobs jobs = context.getBean(Jobs.class);
					CompletableFuture<List<String>> enqueues = CompletableFuture.supplyAsync(() -> {
						List<String> ids = new ArrayList<>();
						for (int i = 0; i < 20; i++) {
							ids.add(jobs.enqueue("pending-echo", "unrecorded " + i).id());
						}
						ids.addAll(jobs.enqueueAll(List.of(JobRequest.of("pending-echo", "bulk"))).stream()
							.map(JobHandle::id)
							.toList());
						return ids;
					});

					assertThat(enqueues.get(5, TimeUnit.SECONDS)).hasSize(21);
					await().atMost(TIMEOUT)
						.untilAsserted(() -> assertThat(LocalBroker.messageCount(this.jobs.brokerQueue())).isEqualTo(21));
				});
		}
	}

	private static ResultRecord awaitRecord(ResultStore store, String id) {
		return await().atMost(TIMEOUT).until(() -> store.find(id).orElse(null), (record) -> record != null);
	}

	/** Accepts connections and never answers, as a Redis would that hangs. */
	private static final class SilentServer implements AutoCloseable {

		private final ServerSocket socket;

		private final List<Socket> accepted = new ArrayList<>();

		SilentServer() throws IOException {
			this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			Thread acceptor = new Thread(this::acceptUntilClosed, "silent-redis");
			acceptor.setDaemon(true);
			acceptor.start();
		}

		int port() {
			return this.socket.getLocalPort();
		}

		private void acceptUntilClosed() {
			try {
				while (true) {
					Socket connection = this.socket.accept();
					synchronized (this.accepted) {
						this.accepted.add(connection);
					}
				}
			}
			catch (IOException ex) {
				// closed
			}
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
			synchronized (this.accepted) {
				for (Socket connection : this.accepted) {
					connection.close();
				}
			}
		}

	}

	static class EchoTasks {

		@BackgroundTask(name = "pending-echo")
		String echo(String text) {
			return text;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TaskConfiguration {

		@Bean
		EchoTasks echoTasks() {
			return new EchoTasks();
		}

	}

}
