package dev.jobs.core.execution;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.jobs.FailureReason;
import dev.jobs.JobContext;
import dev.jobs.JobStatus;
import dev.jobs.JobTimeoutException;
import dev.jobs.SnoozeJob;
import dev.jobs.UnknownTaskException;
import dev.jobs.core.envelope.ArgumentMismatchException;
import dev.jobs.core.envelope.EnvelopeCodec;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.envelope.MalformedJobException;
import dev.jobs.core.observation.JobObservations;
import dev.jobs.core.port.ResultRecord;
import dev.jobs.core.port.ResultStore;
import dev.jobs.core.retry.FailureClassifier;
import dev.jobs.core.retry.RetryDecision;
import dev.jobs.core.retry.RetryPolicies;
import dev.jobs.core.retry.RetryPolicy;
import dev.jobs.core.task.TaskDefinition;
import dev.jobs.core.task.TaskInvoker;
import dev.jobs.core.task.TaskRegistry;
import dev.jobs.core.version.TaskVersions;
import dev.jobs.core.version.VersionCheck;
import tools.jackson.databind.JsonNode;

/**
 * Runs one delivery of a job and says how it ended. The steps, in order:
 * <ol>
 * <li>decode the body; a body that is not a job is {@link FailureReason#MALFORMED};</li>
 * <li>a job the broker has delivered up to its queue's limit without its being settled (its
 * worker keeps dying) is {@link FailureReason#DELIVERY_LIMIT}, dead-lettered here with a reason
 * and a record rather than silently by the broker;</li>
 * <li>find the task; a task this worker does not run is {@link FailureReason#UNKNOWN_TASK};</li>
 * <li>check the version of the task's signature the job was written for ({@link TaskVersions}):
 * an older one is upcast, a newer one is {@link Outcome.Deferred} without spending an attempt
 * until a worker that knows it takes it, and one that no worker takes in time, or that cannot be
 * upcast, is {@link FailureReason#VERSION_UNKNOWN};</li>
 * <li>bind the arguments to the task's parameter types; a mismatch is
 * {@link FailureReason#ARGUMENT_TYPE};</li>
 * <li>run the {@linkplain JobGuard guards} in order (expiry first); the first that stops the job
 * decides the outcome, and the task does not run;</li>
 * <li>record {@code STARTED} (without waiting), enter the job in the {@link RunningJobs}, and
 * invoke the task with its {@link JobContext};</li>
 * <li>a return is {@link Outcome.Succeeded}, unless its value cannot be written as JSON, which
 * fails the job for good ({@link FailureReason#RESULT_TYPE}): the task ran, and running it again
 * would repeat its effects;</li>
 * <li>an exception is the task's failure, which its retry policy turns into
 * {@link Outcome.RetryScheduled} or {@link Outcome.Failed} ({@link SnoozeJob} is no failure:
 * {@link Outcome.Deferred}, no attempt spent), unless the engine interrupted the
 * task through the {@link RunningJobs} registry, which settles it for its
 * {@linkplain InterruptCause cause} (shutdown: {@linkplain Outcome.GivenBack given back}).</li>
 * </ol>
 * Bad input is final at once: only exceptions thrown by the task itself count as failures of
 * the task. Nothing here acknowledges or publishes; the {@link JobWorker} settles the outcome.
 */
public final class JobExecutor {

	private static final Log logger = LogFactory.getLog(JobExecutor.class);

	private final EnvelopeCodec envelopes;

	private final TaskRegistry registry;

	private final TaskInvoker invoker;

	private final ResultStore results;

	private final List<JobGuard> guards;

	/** Whether a guard ends last deliveries, so this executor does not end them as DELIVERY_LIMIT. */
	private final boolean guardsDecideLastDelivery;

	private final RunningJobs running;

	private final Clock clock;

	private final JobServices services;

	private final RetryPolicies policies;

	private final FailureClassifier classifier = new FailureClassifier();

	private final TimeLimits timeLimits;

	private final JobObservations observations;

	private final TaskVersions versions;

	/**
	 * An executor.
	 * @param envelopes decodes message bodies
	 * @param registry the tasks this worker runs
	 * @param invoker calls task methods
	 * @param results where {@code STARTED} is recorded
	 * @param guards the guards, in the order they run
	 * @param running the registry of running jobs
	 * @param clock the clock
	 */
	public JobExecutor(EnvelopeCodec envelopes, TaskRegistry registry, TaskInvoker invoker, ResultStore results,
			List<JobGuard> guards, RunningJobs running, Clock clock) {
		this(envelopes, registry, invoker, results, guards, running, clock, JobServices.NONE,
				new RetryPolicies(null, Map.of()), TimeLimits.declaredOnly(running));
	}

	/**
	 * An executor that lends each running job progress records and its batch.
	 * @param envelopes decodes message bodies
	 * @param registry the tasks this worker runs
	 * @param invoker calls task methods
	 * @param results where {@code STARTED} is recorded
	 * @param guards the guards, in the order they run
	 * @param running the registry of running jobs
	 * @param clock the clock
	 * @param services what each running job's context offers
	 * @param policies the named retry policies, for jobs that carry one
	 * @param timeLimits the time limits of the runs, over the same registry of running jobs
	 */
	public JobExecutor(EnvelopeCodec envelopes, TaskRegistry registry, TaskInvoker invoker, ResultStore results,
			List<JobGuard> guards, RunningJobs running, Clock clock, JobServices services, RetryPolicies policies,
			TimeLimits timeLimits) {
		this(envelopes, registry, invoker, results, guards, running, clock, services, policies, timeLimits,
				JobObservations.NONE);
	}

	/**
	 * An executor that also observes each run ({@code jobs.run}).
	 * @param envelopes decodes message bodies
	 * @param registry the tasks this worker runs
	 * @param invoker calls task methods
	 * @param results where {@code STARTED} is recorded
	 * @param guards the guards, in the order they run
	 * @param running the registry of running jobs
	 * @param clock the clock
	 * @param services what each running job's context offers
	 * @param policies the named retry policies, for jobs that carry one
	 * @param timeLimits the time limits of the runs, over the same registry of running jobs
	 * @param observations observes each run, in the trace the job's message carries
	 */
	public JobExecutor(EnvelopeCodec envelopes, TaskRegistry registry, TaskInvoker invoker, ResultStore results,
			List<JobGuard> guards, RunningJobs running, Clock clock, JobServices services, RetryPolicies policies,
			TimeLimits timeLimits, JobObservations observations) {
		this(envelopes, registry, invoker, results, guards, running, clock, services, policies, timeLimits,
				observations, TaskVersions.withoutUpcasters());
	}

	/**
	 * An executor that upcasts the arguments of jobs written for older versions of their task.
	 * @param envelopes decodes message bodies
	 * @param registry the tasks this worker runs
	 * @param invoker calls task methods
	 * @param results where {@code STARTED} is recorded
	 * @param guards the guards, in the order they run
	 * @param running the registry of running jobs
	 * @param clock the clock
	 * @param services what each running job's context offers
	 * @param policies the named retry policies, for jobs that carry one
	 * @param timeLimits the time limits of the runs, over the same registry of running jobs
	 * @param observations observes each run, in the trace the job's message carries
	 * @param versions the versions of the tasks' signatures and the upcasters between them
	 */
	public JobExecutor(EnvelopeCodec envelopes, TaskRegistry registry, TaskInvoker invoker, ResultStore results,
			List<JobGuard> guards, RunningJobs running, Clock clock, JobServices services, RetryPolicies policies,
			TimeLimits timeLimits, JobObservations observations, TaskVersions versions) {
		this.versions = versions;
		this.observations = observations;
		this.services = services;
		this.policies = policies;
		this.timeLimits = timeLimits;
		this.envelopes = envelopes;
		this.registry = registry;
		this.invoker = invoker;
		this.results = results;
		this.guards = List.copyOf(guards);
		this.guardsDecideLastDelivery = this.guards.stream().anyMatch(JobGuard::decidesLastDelivery);
		this.running = running;
		this.clock = clock;
	}

	/**
	 * Runs the job a delivery carries.
	 * @param inbound the delivery
	 * @return how it ended, and what the guards left to do after it is settled
	 * @throws GuardUnavailableException if a guard could not decide (its store is
	 * unreachable): the job did not run
	 */
	public Execution execute(InboundJob inbound) {
		return execute(inbound, (abandoned) -> {
		});
	}

	/**
	 * Runs the job a delivery carries; if its task ignores the interrupt past its hard time limit,
	 * the run is abandoned: {@code onAbandoned} gets its failed attempt, on the timer's thread, and
	 * this method returns {@link Execution#abandoned()} whenever the task does come back.
	 * @param inbound the delivery
	 * @param onAbandoned settles the attempt of a run abandoned at its hard time limit
	 * @return how it ended, and what the guards left to do after it is settled
	 * @throws GuardUnavailableException if a guard could not decide (its store is
	 * unreachable): the job did not run
	 */
	public Execution execute(InboundJob inbound, Consumer<Execution> onAbandoned) {
		JobEnvelope envelope;
		try {
			envelope = this.envelopes.decode(inbound.body());
		}
		catch (MalformedJobException ex) {
			return Execution.of(new Outcome.Rejected(null, FailureReason.MALFORMED, ex));
		}
		if (inbound.isLastDelivery() && !this.guardsDecideLastDelivery) {
			return Execution.of(new Outcome.Rejected(envelope, FailureReason.DELIVERY_LIMIT,
					new IllegalStateException("Delivered " + (inbound.deliveryCount() + 1) + " times without being"
							+ " settled (delivery limit " + inbound.deliveryLimit() + " of queue '" + inbound.queue()
							+ "'); a worker probably dies or hangs running it")));
		}
		Optional<TaskDefinition> task = this.registry.find(envelope.task());
		if (task.isEmpty()) {
			return Execution.of(new Outcome.Rejected(envelope, FailureReason.UNKNOWN_TASK,
					new UnknownTaskException(envelope.task(), "No task named '" + envelope.task()
							+ "' runs in the worker of queue '" + inbound.queue() + "'")));
		}
		VersionCheck version = this.versions.check(envelope, task.get(), this.clock.instant());
		if (version instanceof VersionCheck.Newer newer) {
			// A rolling deploy: an instance that knows the version takes it; no attempt spent.
			return Execution.of(new Outcome.Deferred(envelope, newer.delay(), "newer_version"));
		}
		if (version instanceof VersionCheck.Unknown unknown) {
			return Execution.of(new Outcome.Rejected(envelope, FailureReason.VERSION_UNKNOWN,
					new IllegalStateException(unknown.detail())));
		}
		envelope = ((VersionCheck.Current) version).envelope();
		Object[] args;
		try {
			args = task.get().codec().decode(envelope.args());
		}
		catch (ArgumentMismatchException ex) {
			return Execution.of(new Outcome.Rejected(envelope, FailureReason.ARGUMENT_TYPE, ex));
		}
		return guardAndInvoke(inbound, envelope, task.get(), args, onAbandoned);
	}

	private Execution guardAndInvoke(InboundJob inbound, JobEnvelope envelope, TaskDefinition task, Object[] args,
			Consumer<Execution> onAbandoned) {
		GuardedJob guarded = new GuardedJob(envelope, task, Collections.unmodifiableList(Arrays.asList(args)),
				inbound.queue(), inbound.redelivered(), inbound.isLastDelivery(), this.clock.instant());
		List<OnSuccess> onSuccesses = new ArrayList<>(this.guards.size());
		List<AfterRun> afterRuns = new ArrayList<>(this.guards.size());
		for (JobGuard guard : this.guards) {
			Admission admission;
			try {
				admission = guard.admit(guarded);
			}
			catch (RuntimeException ex) {
				// Not run unguarded: undo what the guards before it did; the worker asks again later.
				AfterRun.reversed(afterRuns).afterSettled(new Outcome.GivenBack(envelope, null));
				throw new GuardUnavailableException(guard.getClass().getSimpleName() + " could not decide whether job "
						+ envelope.id() + " (task '" + envelope.task() + "') may run: " + ex.getMessage(), ex);
			}
			if (admission instanceof Admission.Stop stop) {
				// A stop is never a success: the steps for one do not run.
				return new Execution(stop.outcome(), OnSuccess.NONE, AfterRun.reversed(afterRuns));
			}
			Admission.Proceed proceed = (Admission.Proceed) admission;
			onSuccesses.add(proceed.onSuccess());
			afterRuns.add(proceed.afterRun());
		}
		return invoke(inbound, envelope, task, args, OnSuccess.all(onSuccesses), AfterRun.reversed(afterRuns),
				onAbandoned);
	}

	private Execution invoke(InboundJob inbound, JobEnvelope envelope, TaskDefinition task, Object[] args,
			OnSuccess onSuccess, AfterRun afterRun, Consumer<Execution> onAbandoned) {
		Instant startedAt = this.clock.instant();
		this.results.recordStarted(ResultRecord.of(envelope, inbound.queue(), JobStatus.STARTED).startedAt(startedAt));
		Duration limit = this.timeLimits.limitOf(task.keys().timeout());
		Duration grace = this.timeLimits.graceOf(task.keys());
		Outcome outcome;
		RunningJobs.RunningJob job = this.running.start(envelope.id(), envelope.task(), startedAt);
		try (JobObservations.Run observed = this.observations.startRun(envelope, inbound.queue());
				job;
				JobServices.Lent lent = this.services.lend(envelope);
				TimeLimits.Clock clock = this.timeLimits.start(envelope.id(), limit, grace, () -> abandon(job, grace,
						new Execution(abandoned(envelope, task, startedAt, limit, grace), OnSuccess.NONE, afterRun),
						onAbandoned));
				JobContext.Scope scope = new JobContext(envelope.id(), envelope.task(), inbound.queue(),
						envelope.attempt(), envelope.enqueuedAt(), new CheckpointedServices(lent, job, limit)).open();
				JobLogContext logged = JobLogContext.open(JobContext.current())) {
			outcome = run(job, envelope, task, args, startedAt, limit);
			observed.ended(outcome.kind(), errorOf(outcome));
		}
		// Settled already, as abandoned, if the task came back too late.
		return job.isAbandoned() ? Execution.abandoned() : new Execution(outcome, onSuccess, afterRun);
	}

	/** What the task threw, for the run's observation. */
	private static Throwable errorOf(Outcome outcome) {
		if (outcome instanceof Outcome.RetryScheduled retry) {
			return retry.error();
		}
		return (outcome instanceof Outcome.Failed failed) ? failed.error() : null;
	}

	private Outcome run(RunningJobs.RunningJob job, JobEnvelope envelope, TaskDefinition task, Object[] args,
			Instant startedAt, Duration limit) {
		Object value;
		try {
			value = this.invoker.invoke(task, args);
		}
		catch (Exception ex) {
			return interruptedOrFailed(job, envelope, task, startedAt, limit, ex);
		}
		return succeeded(envelope, task, startedAt, value);
	}

	private void abandon(RunningJobs.RunningJob job, Duration grace, Execution execution,
			Consumer<Execution> onAbandoned) {
		if (!job.abandon()) {
			return;
		}
		logger.error("Job " + job.jobId() + " (task '" + job.task() + "') ignored its interrupt for "
				+ grace + " past its time limit; abandoned on thread " + job.threadName()
				+ ", which now counts as stuck (jobs.worker.stuck)");
		onAbandoned.accept(execution);
	}

	/** The attempt of a run abandoned past its hard limit: a timeout, retried as the policy says. */
	private Outcome abandoned(JobEnvelope envelope, TaskDefinition task, Instant startedAt, Duration limit,
			Duration grace) {
		return timedOut(envelope, task, startedAt, JobTimeoutException.abandoned(envelope.task(), limit, grace));
	}

	private Outcome interruptedOrFailed(RunningJobs.RunningJob job, JobEnvelope envelope, TaskDefinition task,
			Instant startedAt, Duration limit, Exception error) {
		Optional<InterruptCause> cause = job.interruptCause();
		if (cause.isPresent()) {
			return switch (cause.get()) {
				case SHUTDOWN -> new Outcome.GivenBack(envelope, startedAt);
				case TIMEOUT -> timedOut(envelope, task, startedAt, new JobTimeoutException(envelope.task(), limit, error));
				case CANCELLED -> new Outcome.Cancelled(envelope, startedAt);
			};
		}
		if (error instanceof SnoozeJob snooze) {
			// The run used its rate-limit slot; the snoozed copy takes a new one.
			return new Outcome.Deferred(envelope.keys(envelope.keys().rateSlot(null)), snooze.getDelay(), "snoozed");
		}
		RetryDecision decision = this.classifier.classify(retryPolicyOf(envelope, task), envelope.attempt(), error);
		if (decision instanceof RetryDecision.Retry retry) {
			return new Outcome.RetryScheduled(envelope, startedAt, retry.delay(), error);
		}
		return new Outcome.Failed(envelope, startedAt, ((RetryDecision.GiveUp) decision).reason(), error);
	}

	/** A timed-out attempt fails as the task's policy says; with none to come, for that reason. */
	private Outcome timedOut(JobEnvelope envelope, TaskDefinition task, Instant startedAt, JobTimeoutException error) {
		RetryDecision decision = this.classifier.classify(retryPolicyOf(envelope, task), envelope.attempt(), error);
		if (decision instanceof RetryDecision.Retry retry) {
			return new Outcome.RetryScheduled(envelope, startedAt, retry.delay(), error);
		}
		return new Outcome.Failed(envelope, startedAt, FailureReason.TIMED_OUT, error);
	}

	/** The policy the job carries, if this worker knows it; otherwise the task's. */
	private RetryPolicy retryPolicyOf(JobEnvelope envelope, TaskDefinition task) {
		String name = envelope.keys().retryPolicy();
		if (name == null) {
			return task.retry();
		}
		Optional<RetryPolicy> policy = this.policies.find(name);
		if (policy.isEmpty()) {
			logger.warn("Job " + envelope.id() + " (task '" + envelope.task() + "') names retry policy '" + name
					+ "', which this worker does not define (jobs.retry.policies); retrying by the task's");
			return task.retry();
		}
		return policy.get();
	}

	private Outcome succeeded(JobEnvelope envelope, TaskDefinition task, Instant startedAt, Object value) {
		JsonNode json;
		try {
			json = task.codec().encodeResult(value);
		}
		catch (RuntimeException ex) {
			return new Outcome.Failed(envelope, startedAt, FailureReason.RESULT_TYPE, new IllegalStateException(
					"Task '" + envelope.task() + "' returned a " + value.getClass().getName()
							+ " that cannot be written as JSON (" + ex.getMessage() + "); the job fails without a"
							+ " retry, since the task ran (reason: RESULT_TYPE). Return a record of JSON-friendly"
							+ " values, or nothing",
					ex));
		}
		return new Outcome.Succeeded(envelope, startedAt, json);
	}

}
