package dev.jobs.rabbit;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import com.rabbitmq.client.AMQP;

import dev.jobs.JobsUnavailableException;
import dev.jobs.core.envelope.EnvelopeCodec;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.port.JobPublisher;
import dev.jobs.rabbit.ConfirmChannel.Confirmation;
import dev.jobs.rabbit.topology.JobsTopology;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Publishes jobs as persistent messages to the topology's exchange, routed by queue name,
 * with publisher confirms and the mandatory flag: a job is accepted only when the broker has
 * confirmed it and a queue took it. A message no queue takes (an undeclared job queue) is
 * returned by the broker and fails the enqueue instead of vanishing.
 *
 * <p>A job due later goes through the delay levels of {@link JobsTopology}: the wait lives in
 * the broker, not in any worker.
 *
 * <p>Messages go out on a few long-lived channels in confirm mode ({@link ConfirmChannels}),
 * straight through the RabbitMQ client; confirms are matched by sequence number, so any number
 * of publishes can be in flight and the caller decides how long to wait.
 *
 * <p>A message the broker nacks is published again on a new channel, with backoff, for as long
 * as the confirm timeout allows ({@link NackRetry}); the channel that nacked is retired. This
 * keeps enqueue working through the loss of a quorum queue's leader node on RabbitMQ 3.10,
 * where the channel that saw the leader die goes on nacking.
 */
public final class RabbitJobPublisher implements JobPublisher, DisposableBean {

	/** Header naming the task, for people reading messages in the broker; workers ignore it. */
	public static final String TASK_HEADER = "x-jobs-task";

	/** Enough for the broker to route on several cores; more would only add channel processes. */
	private static final int CHANNELS = 4;

	private static final int PERSISTENT = 2;

	private final ConfirmChannels channels;

	private final EnvelopeCodec codec;

	private final JobsTopology topology;

	private final Clock clock;

	private final ScheduledExecutorService scheduler;

	private final NackRetry retry;

	/**
	 * A publisher on the given connection factory's connection.
	 * @param connectionFactory the publishing connection factory; its own channel cache and
	 * confirm settings are not used, the publisher opens its channels on the connection itself
	 * @param codec the envelope codec
	 * @param topology the topology, for the exchange, the delay levels and the declared queues
	 * @param clock the clock that decides how much of a job's delay remains
	 * @param confirmTimeout how long callers wait for a confirm: a nacked message is published
	 * again within it
	 */
	public RabbitJobPublisher(ConnectionFactory connectionFactory, EnvelopeCodec codec, JobsTopology topology,
			Clock clock, Duration confirmTimeout) {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("jobs-publish-retry-");
		threads.setDaemon(true);
		this.scheduler = Executors.newSingleThreadScheduledExecutor(threads);
		this.retry = new NackRetry(this.scheduler, confirmTimeout, System::nanoTime);
		this.channels = new ConfirmChannels(connectionFactory, CHANNELS, this.scheduler, confirmTimeout);
		this.codec = codec;
		this.topology = topology;
		this.clock = clock;
	}

	@Override
	public CompletableFuture<Void> publish(JobEnvelope envelope) {
		// Encoded first: a job over jobs.message.max-size fails here, before it reaches the shared
		// channel, which the broker would close over a frame too large, failing others' confirms.
		byte[] body = this.codec.encode(envelope);
		return send(channel(envelope, 1), envelope, body);
	}

	/** The whole batch goes out on the calling thread's channel, one confirm wait for all. */
	@Override
	public List<CompletableFuture<Void>> publishAll(List<JobEnvelope> envelopes) {
		if (envelopes.isEmpty()) {
			return List.of();
		}
		// Every body first, so that a job over the size limit fails the call before any is sent.
		List<byte[]> bodies = new ArrayList<>(envelopes.size());
		for (JobEnvelope envelope : envelopes) {
			bodies.add(this.codec.encode(envelope));
		}
		ConfirmChannel channel = channel(envelopes.get(0), envelopes.size());
		List<CompletableFuture<Void>> confirms = new ArrayList<>(envelopes.size());
		for (int i = 0; i < envelopes.size(); i++) {
			confirms.add(send(channel, envelopes.get(i), bodies.get(i)));
		}
		return confirms;
	}

	@Override
	public void destroy() {
		this.scheduler.shutdownNow();
		this.channels.destroy();
	}

	private ConfirmChannel channel(JobEnvelope first, int count) {
		try {
			return this.channels.forCurrentThread();
		}
		catch (IOException | AmqpException ex) {
			throw unreachable(first, count, ex);
		}
	}

	private CompletableFuture<Void> send(ConfirmChannel channel, JobEnvelope envelope, byte[] body) {
		long delaySeconds = remainingDelaySeconds(envelope);
		String exchange;
		String routingKey;
		if (delaySeconds > 0) {
			requireDeclared(envelope);
			exchange = this.topology.delayEntryExchange();
			routingKey = JobsTopology.delayRoutingKey(delaySeconds, envelope.queue());
		}
		else {
			exchange = this.topology.exchange();
			routingKey = envelope.queue();
		}
		AMQP.BasicProperties properties = properties(envelope);
		CompletableFuture<Confirmation> confirmation;
		try {
			confirmation = this.retry.publish(new NackRetry.Attempt() {

				private boolean first = true;

				@Override
				public CompletableFuture<Confirmation> publish() throws IOException {
					// The first attempt goes out on the caller's channel; each later one on whatever
					// channel now holds that slot, a new one once the nacking channel is retired.
					ConfirmChannel through = this.first ? channel : RabbitJobPublisher.this.channels.inSlot(channel.slot());
					this.first = false;
					return through.publish(exchange, routingKey, properties, body).thenApply((confirm) -> {
						if (confirm.outcome() == Confirmation.Outcome.NACKED) {
							RabbitJobPublisher.this.channels.retire(through);
						}
						return confirm;
					});
				}

			});
		}
		catch (IOException ex) {
			throw unreachable(envelope, 1, ex);
		}
		return confirmation.thenApply((confirm) -> accepted(envelope, confirm));
	}

	/** Runs for every confirm, on the connection's thread: the job is described only on failure. */
	private static Void accepted(JobEnvelope envelope, Confirmation confirm) {
		return switch (confirm.outcome()) {
			case ACKED -> null;
			case NACKED -> throw new JobsUnavailableException(describe(envelope) + " refused by RabbitMQ (publisher nack"
					+ ((confirm.detail() != null) ? ", " + confirm.detail() : "") + ")");
			case RETURNED -> throw new JobsUnavailableException(describe(envelope)
					+ " not enqueued: no queue is bound for job queue '" + envelope.queue()
					+ "'. Declare it under jobs.queues (broker said: " + confirm.detail() + ")");
			case LOST -> throw new JobsUnavailableException(describe(envelope) + " may not have been enqueued: the "
					+ "channel closed before RabbitMQ confirmed it (" + confirm.detail() + ")");
		};
	}

	private static JobsUnavailableException unreachable(JobEnvelope first, int count, Exception cause) {
		String jobs = (count == 1) ? describe(first) : count + " jobs";
		return new JobsUnavailableException(jobs + " not enqueued: RabbitMQ is unreachable (" + cause.getMessage()
				+ ")", cause);
	}

	private static String describe(JobEnvelope envelope) {
		return "Job " + envelope.id() + " (task '" + envelope.task() + "')";
	}

	/**
	 * Whole seconds until the job is due, rounded up so a job never arrives early; 0 if it is
	 * due now.
	 */
	private long remainingDelaySeconds(JobEnvelope envelope) {
		if (envelope.eta() == null) {
			return 0;
		}
		long millis = Duration.between(this.clock.instant(), envelope.eta()).toMillis();
		return (millis <= 0) ? 0 : Math.min((millis + 999) / 1000, (1L << JobsTopology.DELAY_LEVELS) - 1);
	}

	/**
	 * A delayed job is routed to its queue only when due, too late for the broker to return it:
	 * check now that its queue will be there.
	 */
	private void requireDeclared(JobEnvelope envelope) {
		if (!this.topology.declares(envelope.queue())) {
			throw new JobsUnavailableException(describe(envelope) + " not enqueued: job queue '" + envelope.queue()
					+ "' is not declared. Declare it under jobs.queues");
		}
	}

	private static AMQP.BasicProperties properties(JobEnvelope envelope) {
		return new AMQP.BasicProperties.Builder().contentType("application/json")
			.contentEncoding("utf-8")
			.messageId(envelope.id())
			.deliveryMode(PERSISTENT)
			.priority((envelope.keys().priority() > 0) ? envelope.keys().priority() : null)
			.headers(Map.of(TASK_HEADER, envelope.task()))
			.build();
	}

}
