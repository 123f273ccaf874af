package dev.jobs.core.execution;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import dev.jobs.JobContext;
import dev.jobs.JobStatus;
import dev.jobs.UnknownTaskException;
import dev.jobs.core.envelope.ArgumentMismatchException;
import dev.jobs.core.envelope.EnvelopeCodec;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.envelope.MalformedJobException;
import dev.jobs.FailureReason;
import dev.jobs.core.port.ResultRecord;
import dev.jobs.core.port.ResultStore;
import dev.jobs.core.retry.FailureClassifier;
import dev.jobs.core.retry.RetryDecision;
import dev.jobs.core.task.TaskDefinition;
import dev.jobs.core.task.TaskInvoker;
import dev.jobs.core.task.TaskRegistry;

/**
 * Runs one delivery of a job and says how it ended. The steps, in order:
 * <ol>
 * <li>decode the body; a body that is not a job is {@link FailureReason#MALFORMED};</li>
 * <li>a job the broker has delivered up to its queue's limit without its being settled (its
 * worker keeps dying) is {@link FailureReason#DELIVERY_LIMIT}, dead-lettered here with a
 * reason and a record rather than silently by the broker;</li>
 * <li>find the task; a task this worker does not run is {@link FailureReason#UNKNOWN_TASK};</li>
 * <li>bind the arguments to the task's parameter types; a mismatch is
 * {@link FailureReason#ARGUMENT_TYPE};</li>
 * <li>check the expiry; an expired job is not run;</li>
 * <li>record {@code STARTED} (without waiting) and invoke the task with its
 * {@link JobContext};</li>
 * <li>a return is {@link Outcome.Succeeded}; an exception is the task's failure, which its
 * retry policy turns into {@link Outcome.RetryScheduled} or a dead letter, unless the worker
 * interrupted the task to shut down, which {@linkplain Outcome.Abandoned abandons} the
 * attempt.</li>
 * </ol>
 * Bad input is final at once: only exceptions thrown by the task itself count as failures of
 * the task. Nothing here acknowledges or publishes; the {@link JobWorker} settles the outcome.
 */
public final class JobExecutor {

	private final EnvelopeCodec envelopes;

	private final TaskRegistry registry;

	private final TaskInvoker invoker;

	private final ResultStore results;

	private final Clock clock;

	private final FailureClassifier classifier = new FailureClassifier();

	public JobExecutor(EnvelopeCodec envelopes, TaskRegistry registry, TaskInvoker invoker, ResultStore results,
			Clock clock) {
		this.envelopes = envelopes;
		this.registry = registry;
		this.invoker = invoker;
		this.results = results;
		this.clock = clock;
	}

	/**
	 * Runs the job a delivery carries.
	 * @param inbound the delivery
	 * @return how it ended
	 */
	public Outcome execute(InboundJob inbound) {
		JobEnvelope envelope;
		try {
			envelope = this.envelopes.decode(inbound.body());
		}
		catch (MalformedJobException ex) {
			return new Outcome.DeadLettered(inbound.body(), null, null, FailureReason.MALFORMED, ex);
		}
		if (inbound.isLastDelivery()) {
			return new Outcome.DeadLettered(inbound.body(), envelope, null, FailureReason.DELIVERY_LIMIT,
					new IllegalStateException("Delivered " + (inbound.deliveryCount() + 1) + " times without being"
							+ " settled (delivery limit " + inbound.deliveryLimit() + " of queue '" + inbound.queue()
							+ "'); a worker probably dies or hangs running it"));
		}
		Optional<TaskDefinition> task = this.registry.find(envelope.task());
		if (task.isEmpty()) {
			return new Outcome.DeadLettered(inbound.body(), envelope, null, FailureReason.UNKNOWN_TASK,
					new UnknownTaskException(envelope.task(), "No task named '" + envelope.task()
							+ "' runs in the worker of queue '" + inbound.queue() + "'"));
		}
		Object[] args;
		try {
			args = task.get().codec().decode(envelope.args());
		}
		catch (ArgumentMismatchException ex) {
			return new Outcome.DeadLettered(inbound.body(), envelope, null, FailureReason.ARGUMENT_TYPE, ex);
		}
		Instant now = this.clock.instant();
		if (envelope.isExpiredAt(now)) {
			return new Outcome.Expired(envelope);
		}
		return invoke(inbound, envelope, task.get(), args, now);
	}

	private Outcome invoke(InboundJob inbound, JobEnvelope envelope, TaskDefinition task, Object[] args,
			Instant startedAt) {
		this.results.recordStarted(ResultRecord.of(envelope, inbound.queue(), JobStatus.STARTED).startedAt(startedAt));
		JobContext context = new JobContext(envelope.id(), envelope.task(), inbound.queue(), envelope.attempt(),
				envelope.enqueuedAt());
		try (JobContext.Scope scope = context.open()) {
			Object value = this.invoker.invoke(task, args);
			return new Outcome.Succeeded(envelope, startedAt, task.codec().encodeResult(value));
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
				// The worker is stopping and cut the task short: not the task's failure.
				return new Outcome.Abandoned(envelope, startedAt);
			}
			return failed(inbound, envelope, task, startedAt, ex);
		}
	}

	private Outcome failed(InboundJob inbound, JobEnvelope envelope, TaskDefinition task, Instant startedAt,
			Exception error) {
		RetryDecision decision = this.classifier.classify(task.retry(), envelope.attempt(), error);
		if (decision instanceof RetryDecision.Retry retry) {
			return new Outcome.RetryScheduled(envelope, startedAt, retry.delay(), error);
		}
		FailureReason reason = ((RetryDecision.GiveUp) decision).reason();
		return new Outcome.DeadLettered(inbound.body(), envelope, startedAt, reason, error);
	}

}
