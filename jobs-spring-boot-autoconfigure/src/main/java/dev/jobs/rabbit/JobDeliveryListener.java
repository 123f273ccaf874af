package dev.jobs.rabbit;

import java.io.IOException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import com.rabbitmq.client.Channel;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.jobs.core.execution.InboundJob;
import dev.jobs.core.execution.JobWorker;
import dev.jobs.core.execution.Outcome;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;

/**
 * Hands each delivery of a job queue to the {@link JobWorker} and acknowledges it only after the
 * worker has settled it (result stored, or dead letter confirmed). If settling fails because
 * Redis or the broker is unavailable, the delivery is given back after a pause, so a store
 * outage slows the worker down instead of spinning it, and nothing is acknowledged unsettled.
 * Once the worker is stopping, deliveries that were prefetched but not started are given back
 * untouched, as are attempts the shutdown interrupted.
 */
final class JobDeliveryListener implements ChannelAwareMessageListener {

	private static final Log logger = LogFactory.getLog(JobDeliveryListener.class);

	private final WorkerQueue queue;

	private final JobWorker worker;

	private final Duration retryPause;

	private final BooleanSupplier stopping;

	JobDeliveryListener(WorkerQueue queue, JobWorker worker, Duration retryPause, BooleanSupplier stopping) {
		this.queue = queue;
		this.worker = worker;
		this.retryPause = retryPause;
		this.stopping = stopping;
	}

	@Override
	public void onMessage(Message message, Channel channel) throws IOException {
		long tag = message.getMessageProperties().getDeliveryTag();
		if (this.stopping.getAsBoolean()) {
			// Prefetched before shutdown began: give it back untouched rather than start it.
			channel.basicNack(tag, false, true);
			return;
		}
		MessageProperties properties = message.getMessageProperties();
		Outcome outcome;
		try {
			outcome = this.worker.handle(new InboundJob(message.getBody(), this.queue.name(),
					Boolean.TRUE.equals(properties.getRedelivered()), deliveryCount(properties),
					this.queue.deliveryLimit()));
		}
		catch (RuntimeException ex) {
			logger.error("Job message " + properties.getMessageId() + " on queue '" + this.queue.name()
					+ "' could not be settled; giving it back for redelivery in " + this.retryPause, ex);
			pause();
			channel.basicNack(tag, false, true);
			return;
		}
		if (outcome instanceof Outcome.Abandoned) {
			channel.basicNack(tag, false, true);
			return;
		}
		channel.basicAck(tag, false);
	}

	/**
	 * Quorum queues count earlier unsettled deliveries in {@code x-delivery-count}; absent on a
	 * first delivery and on classic queues.
	 */
	private static long deliveryCount(MessageProperties properties) {
		Object count = properties.getHeaders().get("x-delivery-count");
		return (count instanceof Number number) ? number.longValue() : 0;
	}

	private void pause() {
		try {
			Thread.sleep(this.retryPause.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
