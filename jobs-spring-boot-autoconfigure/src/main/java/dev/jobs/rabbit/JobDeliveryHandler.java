package dev.jobs.rabbit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.jobs.core.execution.InboundJob;
import dev.jobs.core.execution.JobWorker;
import dev.jobs.core.execution.Outcome;

/**
 * Hands each delivery of a job queue to the {@link JobWorker} and has it acknowledged only after
 * the worker has settled it (result stored, or dead letter confirmed), through the channel's
 * {@link Acknowledger.Ledger}; the consumer does not wait for that and runs its next delivery.
 *
 * <p>Nothing is acknowledged unsettled, and an outage slows the worker down instead of spinning
 * it. A finished job whose result cannot be stored yet, or whose retry copy or dead letter the
 * broker does not confirm, is not given back: the worker keeps trying while it holds the
 * delivery, and its consumer starts nothing new once it has waited longer than
 * {@code jobs.worker.settle-retry-pause}. If settling fails (a guard's store is unreachable, or
 * the channel closed under a held delivery), the delivery is given back and every consumer of the
 * queue pauses before its next job. An outcome whose kind says so (an attempt the shutdown
 * interrupted) is given back untouched.
 */
final class JobDeliveryHandler {

	private static final Log logger = LogFactory.getLog(JobDeliveryHandler.class);

	/** The shortest wait for a stored result that counts as a backlog. */
	private static final long MIN_BACKLOG_WAIT = TimeUnit.MILLISECONDS.toNanos(100);

	private final WorkerQueue queue;

	private final JobWorker worker;

	private final Duration retryPause;

	/**
	 * How long a finished job may wait for its result to be stored before its consumer starts
	 * nothing new: the pause, but not below a floor, since with a zero pause every job in flight
	 * would count as a backlog.
	 */
	private final long backlogLimitNanos;

	/** {@link System#nanoTime()} before which no job of this queue starts. */
	private volatile long resumeAt = System.nanoTime();

	JobDeliveryHandler(WorkerQueue queue, JobWorker worker, Duration retryPause) {
		this.queue = queue;
		this.worker = worker;
		this.retryPause = retryPause;
		this.backlogLimitNanos = Math.max(retryPause.toNanos(), MIN_BACKLOG_WAIT);
	}

	/**
	 * Runs one delivery on the calling thread and enters it in the ledger, to be acknowledged or
	 * given back once it is settled.
	 * @param ledger the ledger of the channel it came on
	 * @param envelope its delivery tag and redelivery flag
	 * @param properties its properties
	 * @param body its body
	 * @param freeSlot what frees the calling thread's slot, consuming on a new thread, should the
	 * engine abandon the run at its hard time limit; run once the delivery is acknowledged
	 */
	void handle(Acknowledger.Ledger ledger, Envelope envelope, AMQP.BasicProperties properties, byte[] body,
			Runnable freeSlot) {
		boolean go = awaitResume() && awaitBacklog(ledger);
		Acknowledger.Entry entry = ledger.enter(envelope.getDeliveryTag());
		if (!go) {
			entry.settle(Acknowledger.Decision.REQUEUE);
			return;
		}
		CompletableFuture<Outcome> settlement;
		try {
			settlement = this.worker.handle(new InboundJob(body, this.queue.name(), envelope.isRedeliver(),
					deliveryCount(envelope.isRedeliver(), this.queue.deliveryLimit(), properties.getHeaders()),
					this.queue.deliveryLimit(), ledger::isOpen, RabbitMessageAttributes.read(properties),
					(abandoned) -> abandoned.whenComplete(
							(outcome, error) -> entry.settle(decide(outcome, error, properties), freeSlot))));
		}
		catch (RuntimeException | Error ex) {
			// Unsettled entries hold back the acknowledgements after them: every entry gets a decision.
			settlement = CompletableFuture.failedFuture(ex);
		}
		settlement.whenComplete((outcome, error) -> entry.settle(decide(outcome, error, properties)));
	}

	private Acknowledger.Decision decide(Outcome outcome, Throwable error, AMQP.BasicProperties properties) {
		if (error != null) {
			logger.error("Job message " + properties.getMessageId() + " on queue '" + this.queue.name()
					+ "' could not be settled; giving it back for redelivery, and pausing the queue's consumers for "
					+ this.retryPause, error);
			this.resumeAt = System.nanoTime() + this.retryPause.toNanos();
			return Acknowledger.Decision.REQUEUE;
		}
		return switch (outcome.kind().acknowledgement()) {
			case ACK -> Acknowledger.Decision.ACK;
			case GIVE_BACK -> Acknowledger.Decision.REQUEUE;
		};
	}

	/** Waits out the pause after a failed settlement; false if interrupted by shutdown. */
	private boolean awaitResume() {
		long wait = this.resumeAt - System.nanoTime();
		return wait <= 0 || pause(wait);
	}

	/**
	 * Starts nothing new while this consumer's oldest finished job has waited longer than the
	 * pause for its result to be stored (Redis is down or slow): the jobs run ahead of their
	 * results stay few. False if interrupted by shutdown or if the channel closed.
	 */
	private boolean awaitBacklog(Acknowledger.Ledger ledger) {
		while (ledger.isOpen() && ledger.oldestWaitNanos() > this.backlogLimitNanos) {
			if (!pause(this.backlogLimitNanos)) {
				return false;
			}
		}
		// A closed channel took this delivery back to the broker already: do not run it here too.
		return ledger.isOpen();
	}

	private static boolean pause(long nanos) {
		try {
			TimeUnit.NANOSECONDS.sleep(nanos);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * How many earlier deliveries of a message went unsettled, as the broker counts them. A
	 * quorum queue counts them in {@code x-delivery-count} when it redelivers a message, but the
	 * header is an ordinary one that any producer can set, and RabbitMQ does not always replace
	 * it (a classic queue never does, a quorum queue of RabbitMQ 4 only once it has counted a
	 * return). So the header counts only on a redelivery from a queue with a delivery limit: a
	 * first delivery counts 0, whatever the producer wrote, or an operator who moved one of the
	 * broker's own dead letters back by hand (issue 10, item 8).
	 * @param redelivered the broker's redelivery flag
	 * @param deliveryLimit the queue's delivery limit, 0 if it has none
	 * @param headers the message headers, or {@code null}
	 * @return the count
	 */
	static long deliveryCount(boolean redelivered, int deliveryLimit, Map<String, Object> headers) {
		if (!redelivered || deliveryLimit == 0 || headers == null) {
			return 0;
		}
		return (headers.get("x-delivery-count") instanceof Number number) ? number.longValue() : 0;
	}

}
