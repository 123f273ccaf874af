package dev.jobs.rabbit.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.jobs.FailureReason;
import dev.jobs.LocalBroker;
import dev.jobs.core.envelope.FailureText;
import dev.jobs.core.port.DeadLetter;
import dev.jobs.rabbit.JobsRabbitConnections;
import dev.jobs.rabbit.topology.JobsTopology;
import dev.jobs.rabbit.topology.QueueType;
import dev.jobs.rabbit.topology.TopologyDeclarer;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Dead letters published to the real RabbitMQ: confirmed, whatever the failure looked like.
 * Each test publishes into a namespace of its own, deleted afterwards.
 */
class RabbitDeadLetterPublisherIntegrationTests {

	private final String queue = "it-dlq-" + UUID.randomUUID().toString().substring(0, 8);

	private final JobsTopology topology = new JobsTopology("it-" + this.queue, QueueType.QUORUM, List::of);

	private final JobsRabbitConnections connections = new JobsRabbitConnections(connectionFactory(),
			connectionFactory(), false);

	private final RabbitDeadLetterPublisher publisher;

	RabbitDeadLetterPublisherIntegrationTests() {
		new TopologyDeclarer(this.connections.publisher(), this.topology).declare();
		this.publisher = new RabbitDeadLetterPublisher(this.connections.newTemplate(), this.topology,
				Duration.ofSeconds(10));
	}

	@AfterEach
	void cleanUp() {
		this.connections.destroy();
		LocalBroker.deleteNamespace(this.topology.prefix());
	}

	@Test
	void deadLetterIsConfirmedWithTheOriginalBodyAndItsHeaders() {
		String body = "{\"v\":1,\"id\":\"0193a4f2-6c1e-7b3a-9f00-2c4d5e6f7a8b\",\"task\":\"send-webhook\"}";

		this.publisher.publish(letter("0193a4f2-6c1e-7b3a-9f00-2c4d5e6f7a8b", body,
				new IllegalStateException("connection reset")));

		assertThat(LocalBroker.deadLetters(this.topology.deadLetterQueue())).singleElement().satisfies((letter) -> {
			assertThat(letter.body()).isEqualTo(body);
			assertThat(letter.header(DeadLetterHeaders.REASON)).isEqualTo("NOT_RETRYABLE");
			assertThat(letter.header(DeadLetterHeaders.JOB_ID)).isEqualTo("0193a4f2-6c1e-7b3a-9f00-2c4d5e6f7a8b");
			assertThat(letter.header(DeadLetterHeaders.ERROR_MESSAGE)).isEqualTo("connection reset");
		});
	}

	@Test
	void deadLetterOfAOneMegabyteErrorWithATenThousandFrameStackIsConfirmed() {
		IllegalStateException error = new IllegalStateException("€".repeat(1024 * 1024));
		StackTraceElement[] frames = new StackTraceElement[10_000];
		for (int i = 0; i < frames.length; i++) {
			frames[i] = new StackTraceElement("dev.jobs.Deep", "frame" + i, "Deep.java", i + 1);
		}
		error.setStackTrace(frames);

		this.publisher.publish(letter("0193a4f2-6c1e-7b3a-9f00-2c4d5e6f7a8b", "{}", error));

		assertThat(LocalBroker.deadLetters(this.topology.deadLetterQueue())).singleElement()
			.satisfies((letter) -> assertThat(letter.header(DeadLetterHeaders.STACK_TRACE)).isNotEmpty());
	}

	/**
	 * A job id comes from the message body, which any producer may write. The AMQP
	 * {@code message-id} property is a short string of at most 255 bytes, so a longer id must
	 * not make the dead letter itself unpublishable: the job would be redelivered instead of
	 * parked.
	 */
	@Test
	void deadLetterOfAJobWhoseIdIsLongerThan255BytesIsConfirmed() {
		String id = "i".repeat(300);

		this.publisher.publish(letter(id, "{}", new IllegalStateException("No task named 'x'")));

		assertThat(LocalBroker.deadLetters(this.topology.deadLetterQueue())).singleElement()
			.satisfies((letter) -> assertThat(letter.header(DeadLetterHeaders.REASON)).isEqualTo("NOT_RETRYABLE"));
	}

	/**
	 * Issue 10, item 2: without the mandatory flag, RabbitMQ confirmed a dead letter it could
	 * not route and dropped it.
	 */
	@Test
	void deadLetterWithoutADeadLetterQueueIsReturnedAndFailsThePublish() {
		LocalBroker.withChannel((channel) -> channel.queueDelete(this.topology.deadLetterQueue()));

		assertThatExceptionOfType(AmqpException.class)
			.isThrownBy(() -> this.publisher.publish(letter("0193a4f2-6c1e-7b3a-9f00-2c4d5e6f7a8c", "{}",
					new IllegalStateException("card refused"))))
			.withMessageContaining("returned by RabbitMQ as unroutable")
			.withMessageContaining(this.topology.deadLetterQueue());
	}

	private DeadLetter letter(String jobId, String body, Throwable error) {
		return DeadLetter.of(body.getBytes(StandardCharsets.UTF_8), FailureReason.NOT_RETRYABLE, this.queue, Instant.now())
			.job(jobId, "send-webhook")
			.attempts(1)
			.error(error.getClass().getName(), FailureText.message(error), FailureText.stackTrace(error));
	}

	private static CachingConnectionFactory connectionFactory() {
		return new CachingConnectionFactory(LocalBroker.connectionFactory());
	}

}
