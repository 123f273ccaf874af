package dev.jobs.core.idempotency;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.jobs.FailureReason;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.execution.Admission;
import dev.jobs.core.execution.GuardedJob;
import dev.jobs.core.execution.JobGuard;
import dev.jobs.core.execution.Outcome;
import dev.jobs.core.lease.LeaseKeeper;
import dev.jobs.core.port.IdempotencyClaim;
import dev.jobs.core.port.IdempotencyStore;
import dev.jobs.core.task.TaskKeys;

/**
 * Gives a job with an idempotency key an exactly-once effect on at-least-once delivery. Before
 * the task runs, the key is claimed in one atomic step:
 * <ul>
 * <li>free: the job runs, its claim renewed while it does; after a success its result is stored
 * under the key before the success is recorded, after anything else the claim is released so
 * that a retry can run;</li>
 * <li>held by a running job: this one is deferred, without spending an attempt, and asks again
 * after {@code jobs.idempotency.retry-after};</li>
 * <li>completed: this job ends {@code SUCCESS} with the stored result, without running, and its
 * record names the job that ran.</li>
 * </ul>
 * A job's key is the one its message carries ({@code JobOptions.idempotencyKey}), else the
 * task's expression over its arguments, else, for {@code idempotent = true}, the SHA-256 of its
 * arguments' canonical JSON ({@link CanonicalJson}); keys are per task. A job whose key cannot
 * be made from its arguments is rejected as bad input by the executor, never run unkeyed.
 */
public final class IdempotencyGuard implements JobGuard {

	private static final Log logger = LogFactory.getLog(IdempotencyGuard.class);

	private final IdempotencyStore store;

	private final LeaseKeeper leases;

	private final IdempotencySettings settings;

	/**
	 * A guard over the given store.
	 * @param store the idempotency records
	 * @param leases renews claims while their jobs run
	 * @param settings the time to live, lease and wait
	 */
	public IdempotencyGuard(IdempotencyStore store, LeaseKeeper leases, IdempotencySettings settings) {
		this.store = store;
		this.leases = leases;
		this.settings = settings;
	}

	/**
	 * The idempotency key of a job, scoped by its task.
	 * @param job the decoded job
	 * @return {@code <task>:<key>}, or empty if the job has none
	 * @throws IllegalArgumentException if the task's expression fails for the job's arguments
	 */
	public static Optional<String> keyOf(GuardedJob job) {
		JobEnvelope envelope = job.envelope();
		String given = envelope.keys().idempotency();
		if (given != null) {
			return Optional.of(envelope.task() + ":" + given);
		}
		TaskKeys.Idempotency idempotency = job.task().keys().idempotency();
		if (idempotency.expression() != null) {
			return Optional.of(envelope.task() + ":"
					+ job.keyOf(idempotency.expression()));
		}
		if (idempotency.byArguments()) {
			return Optional.of(envelope.task() + ":" + CanonicalJson.sha256(envelope.args()));
		}
		return Optional.empty();
	}

	@Override
	public Admission admit(GuardedJob job) {
		Optional<String> key;
		try {
			key = keyOf(job);
		}
		catch (IllegalArgumentException ex) {
			return Admission.stop(new Outcome.Rejected(job.envelope(), FailureReason.KEY_EXPRESSION, ex));
		}
		if (key.isEmpty()) {
			return Admission.proceed();
		}
		JobEnvelope envelope = job.envelope();
		String owner = job.ownerToken();
		IdempotencyClaim claim = this.store.claim(key.get(), owner, envelope.id(), this.settings.lease());
		if (claim instanceof IdempotencyClaim.InProgress running) {
			return Admission.stop(new Outcome.Deferred(envelope, this.settings.retryAfter(),
					"idempotency_key_in_use"));
		}
		if (claim instanceof IdempotencyClaim.Completed completed) {
			return Admission.stop(new Outcome.Deduplicated(envelope, completed.result(), completed.jobId()));
		}
		LeaseKeeper.Renewal renewal = this.leases.keep("idempotency claim of key '" + key.get() + "' by job "
				+ envelope.id(), this.settings.lease(), () -> this.store.renew(key.get(), owner, this.settings.lease()));
		return Admission.proceed((succeeded) -> complete(key.get(), owner, succeeded),
				(outcome) -> settle(key.get(), owner, envelope.id(), outcome, renewal));
	}

	/**
	 * Stores a success's result under its key before the success is recorded, on the job's
	 * thread: a crash after this finds the key completed, and the redelivery ends with its
	 * result. Throws while the store cannot be reached, and the worker holds the delivery and
	 * calls again; meanwhile the claim stays renewed, so no duplicate runs.
	 */
	private void complete(String key, String owner, Outcome.Succeeded succeeded) {
		String jobId = succeeded.envelope().id();
		boolean stored;
		try {
			stored = this.store.complete(key, owner, jobId, succeeded.value(), this.settings.ttl());
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("The result of job " + jobId + " could not be stored under its"
					+ " idempotency key '" + key + "' (" + ex.getMessage() + ")", ex);
		}
		if (!stored) {
			logger.warn("Job " + jobId + " succeeded, but another job holds its idempotency key '" + key
					+ "' now: its claim had run out. Make jobs.idempotency.lease longer than the longest pause"
					+ " of this process");
		}
	}

	/** Ends the claim's renewal; a claim whose job did not succeed is released for its retry. */
	private CompletableFuture<Void> settle(String key, String owner, String jobId, Outcome outcome,
			LeaseKeeper.Renewal renewal) {
		renewal.close();
		if (outcome instanceof Outcome.Succeeded) {
			// Completed before the success was recorded.
			return CompletableFuture.completedFuture(null);
		}
		try {
			this.store.release(key, owner);
		}
		catch (RuntimeException ex) {
			logger.warn("The idempotency claim of key '" + key + "' by job " + jobId + " could not be released ("
					+ ex.getMessage() + "); the next job with the key runs once its lease of "
					+ this.settings.lease() + " runs out");
		}
		return CompletableFuture.completedFuture(null);
	}

}
