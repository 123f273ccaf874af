package dev.jobs.core.breaker;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.execution.Admission;
import dev.jobs.core.execution.GuardedJob;
import dev.jobs.core.execution.JobGuard;
import dev.jobs.core.execution.Outcome;
import dev.jobs.core.port.BreakerSettings;
import dev.jobs.core.port.BreakerState;
import dev.jobs.core.port.CircuitBreakers;
import dev.jobs.core.port.OutcomeKind;

/**
 * A task's failure circuit breaker, in the guard pipeline. For a job of a task with a breaker
 * ({@code jobs.tasks.<task>.circuit-breaker.*}):
 * <ol>
 * <li>ask the shared breaker whether the job may run: closed, it runs; open (or half-open with
 * its probes taken), it is {@link Outcome.Deferred} for as long as the breaker stays so, reason
 * {@code circuit_open}: no attempt is spent, so a downstream outage does not retry jobs into the
 * dead-letter queue; half-open with a probe free, it runs as a probe;</li>
 * <li>once the job is settled, count how its attempt ended: a task failure (a retry, a failure
 * for good, a timeout) or a success; the breaker opens when the failure rate over its window
 * reaches the threshold, and a probe's failure opens it again while its successes close it.</li>
 * </ol>
 * A job of a task without a breaker passes at the cost of one map lookup: no store is asked. A
 * breaker whose store cannot be reached does not let the job run unguarded: the worker asks again
 * later, as for every guard.
 */
public final class CircuitBreakerGuard implements JobGuard {

	private static final Log logger = LogFactory.getLog(CircuitBreakerGuard.class);

	private final CircuitBreakers breakers;

	private final Map<String, BreakerSettings> settings;

	/**
	 * A guard over these breakers.
	 * @param breakers the shared breakers
	 * @param settings the breakers of tasks, by task name
	 */
	public CircuitBreakerGuard(CircuitBreakers breakers, Map<String, BreakerSettings> settings) {
		this.breakers = breakers;
		this.settings = Map.copyOf(settings);
	}

	@Override
	public Admission admit(GuardedJob job) {
		JobEnvelope envelope = job.envelope();
		BreakerSettings breaker = this.settings.get(envelope.task());
		if (breaker == null) {
			return Admission.proceed();
		}
		CircuitBreakers.Pass pass = this.breakers.admit(envelope.task(), breaker);
		if (!pass.run()) {
			return Admission.stop(new Outcome.Deferred(envelope, pass.retryAfter(), "circuit_open"));
		}
		return Admission.proceed((outcome) -> {
			record(envelope, breaker, pass, outcome.kind());
			return CompletableFuture.completedFuture(null);
		});
	}

	private void record(JobEnvelope envelope, BreakerSettings breaker, CircuitBreakers.Pass pass, OutcomeKind kind) {
		CircuitBreakers.AttemptResult result = (kind == OutcomeKind.SUCCEEDED) ? CircuitBreakers.AttemptResult.SUCCESS
				: kind.isTaskFailure() ? CircuitBreakers.AttemptResult.FAILURE : CircuitBreakers.AttemptResult.NEITHER;
		try {
			BreakerState state = this.breakers.record(envelope.task(), breaker, pass, result);
			if (state == BreakerState.OPEN && result == CircuitBreakers.AttemptResult.FAILURE) {
				logger.warn("Circuit breaker of task '" + envelope.task() + "' is open after job " + envelope.id()
						+ " failed: its jobs are put off, no attempt spent, for " + breaker.openDuration()
						+ ", then " + breaker.halfOpenProbes() + " probe(s) run");
			}
		}
		catch (RuntimeException ex) {
			// The job is settled already; only the breaker's count misses this attempt.
			logger.warn("The circuit breaker of task '" + envelope.task() + "' could not count the attempt of job "
					+ envelope.id() + " (" + ex.getMessage() + ")" + (pass.probe()
							? "; its probe place comes back after the open duration" : ""));
		}
	}

}
