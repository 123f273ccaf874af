package dev.jobs.core.flow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.jobs.JobsUnavailableException;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.envelope.JobKeys;
import dev.jobs.core.envelope.Membership;
import dev.jobs.core.port.JobPublisher;
import dev.jobs.core.port.JobRecords;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * Publishes the jobs of workflows and batches and waits for the broker to confirm them, for the
 * submitting thread and for the worker that continues a workflow alike.
 *
 * <p>A job published as a workflow or batch moves on ({@linkplain #onContinuation a follower, a
 * callback, an error callback, a job added by a running job}) carries the idempotency key
 * {@code job:<its id>} unless its signature gave one: its id is fixed in the plan, so when a
 * redelivered step publishes it again, the copies run once. A job published {@linkplain
 * #atSubmission at submission} is published once and needs no key, which spares a chord's header
 * jobs the key's two round trips.
 */
public final class StepPublisher {

	private final JobPublisher publisher;

	private final JobRecords records;

	private final Duration confirmTimeout;

	private final Clock clock;

	/**
	 * Creates the publisher.
	 * @param publisher the job publisher
	 * @param records the job records
	 * @param confirmTimeout how long a publish waits for its confirm
	 * @param clock the clock
	 */
	public StepPublisher(JobPublisher publisher, JobRecords records, Duration confirmTimeout, Clock clock) {
		this.publisher = publisher;
		this.records = records;
		this.confirmTimeout = confirmTimeout;
		this.clock = clock;
	}

	/**
	 * The envelope of a job published when its workflow or batch is created: an entry step, a
	 * first member of a batch.
	 * @param spec the job
	 * @param membership the workflow step or batch it belongs to
	 * @return the envelope
	 */
	public JobEnvelope atSubmission(JobSpec spec, Membership membership) {
		return envelope(spec, null, membership, spec.idempotencyKey());
	}

	/**
	 * The envelope of a job published as its workflow or batch moves on, which a redelivery may
	 * publish again: keyed by its id.
	 * @param spec the job
	 * @param given what runs before it gave it, put in front of its arguments unless it is
	 * immutable
	 * @param membership the workflow step or batch it belongs to
	 * @return the envelope
	 */
	public JobEnvelope onContinuation(JobSpec spec, JsonNode given, Membership membership) {
		return envelope(spec, given, membership,
				(spec.idempotencyKey() != null) ? spec.idempotencyKey() : "job:" + spec.jobId());
	}

	private JobEnvelope envelope(JobSpec spec, JsonNode given, Membership membership, String key) {
		Instant now = this.clock.instant();
		ArrayNode args = spec.args();
		if (!spec.immutable()) {
			args = args.deepCopy();
			args.insert(0, given);
		}
		return JobEnvelope.first(spec.jobId(), spec.task(), spec.queue(), args, now)
			.eta((spec.delay() != null) ? now.plus(spec.delay()) : null)
			.expiresAt((spec.expiresIn() != null) ? now.plus(spec.expiresIn()) : null)
			.keys(JobKeys.NONE.idempotency(key)
				.priority(spec.priority())
				.membership(membership)
				.retryPolicy(spec.retryPolicy())
				.taskVersion(spec.taskVersion()));
	}

	/**
	 * Publishes jobs and returns once the broker has confirmed all of them.
	 * @param envelopes the jobs
	 * @throws JobsUnavailableException if the broker refuses one or does not confirm in time
	 */
	public void publish(List<JobEnvelope> envelopes) {
		if (envelopes.isEmpty()) {
			return;
		}
		List<CompletableFuture<Void>> confirms = this.publisher.publishAll(envelopes);
		try {
			CompletableFuture.allOf(confirms.toArray(CompletableFuture[]::new))
				.get(this.confirmTimeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			throw new JobsUnavailableException(describe(envelopes) + " not confirmed by the broker within "
					+ this.confirmTimeout, ex);
		}
		catch (ExecutionException ex) {
			throw new JobsUnavailableException(describe(envelopes) + " refused by the broker: "
					+ ex.getCause().getMessage(), ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new JobsUnavailableException(describe(envelopes) + " not confirmed: interrupted while waiting", ex);
		}
		this.records.pending(envelopes);
	}

	private static String describe(List<JobEnvelope> envelopes) {
		JobEnvelope first = envelopes.get(0);
		return (envelopes.size() == 1) ? "Job " + first.id() + " (task '" + first.task() + "')"
				: envelopes.size() + " jobs of a workflow or batch";
	}

}
