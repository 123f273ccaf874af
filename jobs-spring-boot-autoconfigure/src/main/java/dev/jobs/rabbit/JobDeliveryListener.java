package dev.jobs.rabbit;

import java.io.IOException;
import java.time.Duration;

import com.rabbitmq.client.Channel;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.jobs.core.execution.InboundJob;
import dev.jobs.core.execution.JobWorker;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;

/**
 * Hands each delivery of a job queue to the {@link JobWorker} and acknowledges it only after the
 * worker has settled it (result stored, or dead letter confirmed). If settling fails because
 * Redis or the broker is unavailable, the delivery is given back after a pause, so a store
 * outage slows the worker down instead of spinning it, and nothing is acknowledged unsettled.
 */
final class JobDeliveryListener implements ChannelAwareMessageListener {

	private static final Log logger = LogFactory.getLog(JobDeliveryListener.class);

	private final String queue;

	private final JobWorker worker;

	private final Duration retryPause;

	JobDeliveryListener(String queue, JobWorker worker, Duration retryPause) {
		this.queue = queue;
		this.worker = worker;
		this.retryPause = retryPause;
	}

	@Override
	public void onMessage(Message message, Channel channel) throws IOException {
		long tag = message.getMessageProperties().getDeliveryTag();
		boolean redelivered = Boolean.TRUE.equals(message.getMessageProperties().getRedelivered());
		try {
			this.worker.handle(new InboundJob(message.getBody(), this.queue, redelivered));
		}
		catch (RuntimeException ex) {
			logger.error("Job message " + message.getMessageProperties().getMessageId() + " on queue '" + this.queue
					+ "' could not be settled; giving it back for redelivery in " + this.retryPause, ex);
			pause();
			channel.basicNack(tag, false, true);
			return;
		}
		channel.basicAck(tag, false);
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
