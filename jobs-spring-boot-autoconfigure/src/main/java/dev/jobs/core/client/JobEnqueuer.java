package dev.jobs.core.client;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import dev.jobs.JobHandle;
import dev.jobs.JobOptions;
import dev.jobs.JobRequest;
import dev.jobs.JobStatus;
import dev.jobs.Jobs;
import dev.jobs.JobsException;
import dev.jobs.JobsUnavailableException;
import dev.jobs.UnknownTaskException;
import dev.jobs.TaskMethod0;
import dev.jobs.TaskMethod1;
import dev.jobs.TaskMethod2;
import dev.jobs.TaskMethod3;
import dev.jobs.TaskMethod4;
import dev.jobs.VoidTaskMethod0;
import dev.jobs.VoidTaskMethod1;
import dev.jobs.VoidTaskMethod2;
import dev.jobs.VoidTaskMethod3;
import dev.jobs.VoidTaskMethod4;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.flow.WorkflowClient;
import dev.jobs.core.envelope.JobIds;
import dev.jobs.core.envelope.JobKeys;
import dev.jobs.core.outbox.OutboxRelay;
import dev.jobs.core.port.EnqueuedJob;
import dev.jobs.core.port.JobObserver;
import dev.jobs.core.port.JobPublisher;
import dev.jobs.core.port.JobRecords;
import dev.jobs.core.port.ResultStore;
import dev.jobs.core.task.TaskDefinition;
import dev.jobs.core.task.TaskMethodResolver;
import dev.jobs.core.task.TaskRegistry;
import dev.jobs.core.unique.UniqueClaims;
import dev.jobs.workflow.BatchBuilder;
import dev.jobs.workflow.BatchHandle;
import dev.jobs.workflow.Workflow;
import dev.jobs.workflow.WorkflowHandle;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The {@link Jobs} front door. An enqueue:
 * <ol>
 * <li>finds the task (by method reference or name) and encodes the arguments by its
 * parameter types, failing at once on an unknown task or a wrong argument;</li>
 * <li>builds the envelope: a new time-ordered id, the queue, the expiry;</li>
 * <li>publishes it and waits for the broker's confirm, at most
 * {@code jobs.publish.confirm-timeout}, or, inside a transaction, registers that publish to run
 * after the commit, or, with the outbox on, writes the job into the outbox in that transaction,
 * for the {@link OutboxRelay} to publish once it commits;</li>
 * <li>returns a handle only once the job is durable (or will be, on commit), having handed its
 * {@code PENDING} record to {@link JobRecords}, which writes it in a batch after the call
 * returns: the enqueue never waits for Redis.</li>
 * </ol>
 */
public final class JobEnqueuer implements Jobs, AutoCloseable {

	private final Dependencies deps;

	private final JobOptions options;

	/**
	 * A front door with default options.
	 * @param registry the task registry
	 * @param publisher the broker port
	 * @param results the result store port, for handles
	 * @param mapper the job JSON mapper
	 * @param settings publish settings
	 * @param records given the {@code PENDING} record of every confirmed job
	 * @param observer told of every confirmed job
	 * @param clock the clock
	 */
	public JobEnqueuer(TaskRegistry registry, JobPublisher publisher, ResultStore results, JsonMapper mapper,
			PublishSettings settings, JobRecords records, JobObserver observer, Clock clock) {
		this(registry, publisher, results, mapper, settings, records, observer, clock, UniqueClaims.NONE);
	}

	/**
	 * A front door with default options that can enqueue unique jobs.
	 * @param registry the task registry
	 * @param publisher the broker port
	 * @param results the result store port, for handles
	 * @param mapper the job JSON mapper
	 * @param settings publish settings
	 * @param records given the {@code PENDING} record of every confirmed job
	 * @param observer told of every confirmed job
	 * @param clock the clock
	 * @param uniques claims the unique keys of jobs that have one
	 */
	public JobEnqueuer(TaskRegistry registry, JobPublisher publisher, ResultStore results, JsonMapper mapper,
			PublishSettings settings, JobRecords records, JobObserver observer, Clock clock, UniqueClaims uniques) {
		this(registry, publisher, results, mapper, settings, records, observer, clock, uniques, null);
	}

	/**
	 * A front door with default options that can enqueue unique jobs and submit workflows.
	 * @param registry the task registry
	 * @param publisher the broker port
	 * @param results the result store port, for handles
	 * @param mapper the job JSON mapper
	 * @param settings publish settings
	 * @param records given the {@code PENDING} record of every confirmed job
	 * @param observer told of every confirmed job
	 * @param clock the clock
	 * @param uniques claims the unique keys of jobs that have one
	 * @param workflows submits workflows and batches, or {@code null} where there is no store for them
	 */
	public JobEnqueuer(TaskRegistry registry, JobPublisher publisher, ResultStore results, JsonMapper mapper,
			PublishSettings settings, JobRecords records, JobObserver observer, Clock clock, UniqueClaims uniques,
			WorkflowClient workflows) {
		this(registry, publisher, results, mapper, settings, records, observer, clock, uniques, workflows, null);
	}

	/**
	 * A front door with default options that can enqueue unique jobs, submit workflows and cancel.
	 * @param registry the task registry
	 * @param publisher the broker port
	 * @param results the result store port, for handles
	 * @param mapper the job JSON mapper
	 * @param settings publish settings
	 * @param records given the {@code PENDING} record of every confirmed job
	 * @param observer told of every confirmed job
	 * @param clock the clock
	 * @param uniques claims the unique keys of jobs that have one
	 * @param workflows submits workflows and batches, or {@code null} where there is no store for them
	 * @param canceller cancels jobs, or {@code null} where there is no store for cancels
	 */
	public JobEnqueuer(TaskRegistry registry, JobPublisher publisher, ResultStore results, JsonMapper mapper,
			PublishSettings settings, JobRecords records, JobObserver observer, Clock clock, UniqueClaims uniques,
			WorkflowClient workflows, JobCanceller canceller) {
		this(new Dependencies(registry, new TaskMethodResolver(), publisher, results, mapper, settings, records,
				observer, clock, new AsyncConfirms(settings.confirmTimeout()), uniques, workflows, canceller, null),
				JobOptions.defaults());
	}

	/**
	 * This front door with enqueues inside a transaction written to the outbox instead of
	 * published after the commit ({@code jobs.publish.outbox}).
	 * @param relay stages the jobs in the caller's transaction and publishes them after it
	 * @return the front door with the outbox
	 */
	public JobEnqueuer withOutbox(OutboxRelay relay) {
		Dependencies d = this.deps;
		return new JobEnqueuer(new Dependencies(d.registry(), d.resolver(), d.publisher(), d.results(), d.mapper(),
				d.settings(), d.records(), d.observer(), d.clock(), d.confirms(), d.uniques(), d.workflows(),
				d.canceller(), relay), this.options);
	}

	private JobEnqueuer(Dependencies deps, JobOptions options) {
		this.deps = deps;
		this.options = options;
	}

	@Override
	public <B, R> JobHandle<R> enqueue(TaskMethod0<B, R> task) {
		return enqueueMethod(task);
	}

	@Override
	public <B, A1, R> JobHandle<R> enqueue(TaskMethod1<B, A1, R> task, A1 a1) {
		return enqueueMethod(task, a1);
	}

	@Override
	public <B, A1, A2, R> JobHandle<R> enqueue(TaskMethod2<B, A1, A2, R> task, A1 a1, A2 a2) {
		return enqueueMethod(task, a1, a2);
	}

	@Override
	public <B, A1, A2, A3, R> JobHandle<R> enqueue(TaskMethod3<B, A1, A2, A3, R> task, A1 a1, A2 a2, A3 a3) {
		return enqueueMethod(task, a1, a2, a3);
	}

	@Override
	public <B, A1, A2, A3, A4, R> JobHandle<R> enqueue(TaskMethod4<B, A1, A2, A3, A4, R> task, A1 a1, A2 a2, A3 a3,
			A4 a4) {
		return enqueueMethod(task, a1, a2, a3, a4);
	}

	@Override
	public <B> JobHandle<Void> enqueue(VoidTaskMethod0<B> task) {
		return enqueueMethod(task);
	}

	@Override
	public <B, A1> JobHandle<Void> enqueue(VoidTaskMethod1<B, A1> task, A1 a1) {
		return enqueueMethod(task, a1);
	}

	@Override
	public <B, A1, A2> JobHandle<Void> enqueue(VoidTaskMethod2<B, A1, A2> task, A1 a1, A2 a2) {
		return enqueueMethod(task, a1, a2);
	}

	@Override
	public <B, A1, A2, A3> JobHandle<Void> enqueue(VoidTaskMethod3<B, A1, A2, A3> task, A1 a1, A2 a2, A3 a3) {
		return enqueueMethod(task, a1, a2, a3);
	}

	@Override
	public <B, A1, A2, A3, A4> JobHandle<Void> enqueue(VoidTaskMethod4<B, A1, A2, A3, A4> task, A1 a1, A2 a2, A3 a3,
			A4 a4) {
		return enqueueMethod(task, a1, a2, a3, a4);
	}

	@Override
	public JobHandle<Object> enqueue(String task, Object... args) {
		PreparedJob job = prepare(task, (args != null) ? args : new Object[] { null }, this.options);
		Optional<String> holder = claimUnique(job.envelope(), this.options);
		if (holder.isPresent()) {
			return handleOf(holder.get(), job.resultType());
		}
		publishAndWait(List.of(job.envelope()));
		return handleFor(job);
	}

	@Override
	public List<JobHandle<Object>> enqueueAll(List<JobRequest> requests) {
		List<PreparedJob> jobs = new ArrayList<>(requests.size());
		List<JobHandle<Object>> handles = new ArrayList<>(requests.size());
		List<JobEnvelope> toPublish = new ArrayList<>(requests.size());
		try {
			for (JobRequest request : requests) {
				PreparedJob job = prepare(request);
				jobs.add(job);
				Optional<String> holder = claimUnique(job.envelope(), optionsOf(request));
				handles.add(holder.isPresent() ? handleOf(holder.get(), job.resultType()) : handleFor(job));
				if (holder.isEmpty()) {
					toPublish.add(job.envelope());
				}
			}
		}
		catch (RuntimeException ex) {
			// Nothing of the call is enqueued: give back the keys claimed for it so far.
			toPublish.forEach(this.deps.uniques()::release);
			throw ex;
		}
		if (!toPublish.isEmpty()) {
			publishAndWait(toPublish);
		}
		return handles;
	}

	@Override
	public CompletableFuture<JobHandle<Object>> enqueueAsync(JobRequest request) {
		PreparedJob job = prepare(request);
		Optional<String> holder;
		try {
			holder = claimUnique(job.envelope(), optionsOf(request));
		}
		catch (JobsException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		if (holder.isPresent()) {
			return CompletableFuture.completedFuture(handleOf(holder.get(), job.resultType()));
		}
		if (!publishesAfterCommit()) {
			return publishAsync(job);
		}
		if (this.deps.outbox() != null) {
			// The job is as good as enqueued once it is in the outbox: nothing left to wait for.
			stageInOutbox(List.of(job.envelope()));
			return CompletableFuture.completedFuture(handleFor(job));
		}
		CompletableFuture<JobHandle<Object>> afterCommit = new CompletableFuture<>();
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCompletion(int status) {
				if (status != STATUS_COMMITTED) {
					JobEnqueuer.this.deps.uniques().release(job.envelope());
					afterCommit.completeExceptionally(new JobsUnavailableException(describe(job.envelope())
							+ " not enqueued: the transaction it was enqueued in did not commit"));
					return;
				}
				publishAsync(job).whenComplete((handle, failure) -> {
					if (failure != null) {
						afterCommit.completeExceptionally(failure);
					}
					else {
						afterCommit.complete(handle);
					}
				});
			}
		});
		return afterCommit;
	}

	private CompletableFuture<JobHandle<Object>> publishAsync(PreparedJob job) {
		CompletableFuture<Void> confirm;
		try {
			confirm = this.deps.publisher().publish(job.envelope());
		}
		catch (JobsException ex) {
			this.deps.uniques().release(job.envelope());
			return CompletableFuture.failedFuture(ex);
		}
		return this.deps.confirms().whenConfirmed(confirm, () -> describe(job.envelope()), () -> {
			confirmed(List.of(job.envelope()));
			return handleFor(job);
		}).whenComplete((handle, failure) -> {
			if (failure != null) {
				this.deps.uniques().release(job.envelope());
			}
		});
	}

	/**
	 * Stops the thread that completes {@link #enqueueAsync} futures once it has nothing left to do.
	 */
	@Override
	public void close() {
		this.deps.confirms().close();
	}

	@Override
	public Jobs with(JobOptions options) {
		return new JobEnqueuer(this.deps, options);
	}

	@Override
	public JobHandle<Object> handle(String jobId) {
		return new StoredJobHandle<>(jobId, this.deps.results(), this.deps.mapper(), objectType(), JobStatus.UNKNOWN, this::cancel);
	}

	@Override
	public <T> JobHandle<T> handle(String jobId, Class<T> resultType) {
		return new StoredJobHandle<>(jobId, this.deps.results(), this.deps.mapper(),
				this.deps.mapper().constructType(resultType), JobStatus.UNKNOWN, this::cancel);
	}

	@Override
	public <T> WorkflowHandle<T> submit(Workflow<T> workflow) {
		return workflows().submit(workflow);
	}

	@Override
	public WorkflowHandle<Object> workflow(String workflowId) {
		return workflows().workflow(workflowId);
	}

	@Override
	public BatchHandle batch(Consumer<BatchBuilder> definition) {
		return workflows().batch(definition);
	}

	@Override
	public BatchHandle batchHandle(String batchId) {
		return workflows().batchHandle(batchId);
	}

	@Override
	public void cancel(String jobId) {
		if (this.deps.canceller() == null) {
			throw new IllegalStateException("Cancels are kept in Redis; this front door was built without a store"
					+ " for them");
		}
		this.deps.canceller().cancel(jobId);
	}

	private WorkflowClient workflows() {
		if (this.deps.workflows() == null) {
			throw new IllegalStateException("Workflows and batches keep their state in Redis; this front door was"
					+ " built without a workflow store");
		}
		return this.deps.workflows();
	}

	/**
	 * Enqueues a job for a local task with already-collected arguments: the path of a
	 * {@code void} task called through its bean.
	 * @param task the task
	 * @param args the arguments
	 */
	public void enqueueTask(TaskDefinition task, Object[] args) {
		JobEnvelope envelope = envelope(task.name(), task.queue(), task.codec().encode(args), this.options);
		if (claimUnique(envelope, this.options).isEmpty()) {
			publishAndWait(List.of(envelope));
		}
	}

	/**
	 * Enqueues a job under an id the caller derived, waiting for the confirm: the path of a
	 * schedule's slot, whose id every instance derives alike, so that publishing the slot again
	 * after a failed confirm cannot make a second job of it. Never inside the caller's
	 * transaction: the caller is the engine, not application code.
	 * @param jobId the job id
	 * @param task a local task
	 * @param args the arguments, of the task's parameter types
	 * @param jobOptions the job's options
	 * @return the handle of the job
	 * @throws UnknownTaskException if the task is not local
	 */
	public JobHandle<Object> enqueueAs(String jobId, String task, Object[] args, JobOptions jobOptions) {
		TaskDefinition definition = this.deps.registry()
			.find(task)
			.orElseThrow(() -> new UnknownTaskException(task, "No task named '" + task + "' runs here"));
		JobEnvelope envelope = envelope(jobId, task, definition.queue(), definition.codec().encode(args), jobOptions);
		Optional<String> holder = claimUnique(envelope, jobOptions);
		if (holder.isPresent()) {
			return handleOf(holder.get(), definition.codec().resultType());
		}
		confirmAll(List.of(envelope));
		return new StoredJobHandle<>(jobId, this.deps.results(), this.deps.mapper(), definition.codec().resultType(),
				JobStatus.PENDING, this::cancel);
	}

	private <R> JobHandle<R> enqueueMethod(Serializable reference, Object... args) {
		TaskDefinition task = this.deps.registry().forMethod(this.deps.resolver().resolve(reference));
		JobEnvelope envelope = envelope(task.name(), task.queue(), task.codec().encode(args), this.options);
		Optional<String> holder = claimUnique(envelope, this.options);
		if (holder.isPresent()) {
			return handleOf(holder.get(), task.codec().resultType());
		}
		publishAndWait(List.of(envelope));
		return new StoredJobHandle<>(envelope.id(), this.deps.results(), this.deps.mapper(),
				task.codec().resultType(), JobStatus.PENDING, this::cancel);
	}

	private PreparedJob prepare(JobRequest request) {
		return prepare(request.task(), request.args().toArray(),
				(request.options() != null) ? request.options() : this.options);
	}

	private PreparedJob prepare(String taskName, Object[] args, JobOptions jobOptions) {
		String queue = this.deps.registry().queueOf(taskName);
		Optional<TaskDefinition> local = this.deps.registry().find(taskName);
		ArrayNode encoded = local.isPresent() ? local.get().codec().encode(args) : encodeByValue(args);
		JavaType resultType = local.map((task) -> task.codec().resultType()).orElse(objectType());
		return new PreparedJob(envelope(taskName, queue, encoded, jobOptions), resultType);
	}

	private ArrayNode encodeByValue(Object[] args) {
		ArrayNode array = this.deps.mapper().createArrayNode();
		for (Object arg : args) {
			array.add(this.deps.mapper().valueToTree(arg));
		}
		return array;
	}

	private JobEnvelope envelope(String task, String taskQueue, ArrayNode args, JobOptions jobOptions) {
		return envelope(JobIds.next(), task, taskQueue, args, jobOptions);
	}

	private JobEnvelope envelope(String id, String task, String taskQueue, ArrayNode args, JobOptions jobOptions) {
		Instant now = this.deps.clock().instant();
		String queue = (jobOptions.queue() != null) ? jobOptions.queue() : taskQueue;
		Instant due = jobOptions.dueFor(now);
		if (due != null && due.isAfter(now.plus(JobOptions.MAX_DELAY))) {
			throw new IllegalArgumentException("Job for task '" + task + "' is due at " + due
					+ ", further ahead than the longest delay (" + JobOptions.MAX_DELAY + ")");
		}
		Optional<TaskDefinition> local = this.deps.registry().find(task);
		int priority = (jobOptions.priority() != null) ? jobOptions.priority()
				: local.map((definition) -> definition.keys().priority()).orElse(0);
		// A task another service runs: its arguments are taken as of its first version.
		JobKeys keys = JobKeys.NONE.idempotency(jobOptions.idempotencyKey())
			.unique(jobOptions.uniqueKey(), jobOptions.uniqueUntil())
			.priority(priority)
			.retryPolicy(jobOptions.retryPolicy())
			.taskVersion(local.map(TaskDefinition::version).orElse(1));
		return JobEnvelope.first(id, task, queue, args, now)
			.expiresAt(jobOptions.expiryFor(now))
			.eta(due)
			.keys(keys);
	}

	private JobOptions optionsOf(JobRequest request) {
		return (request.options() != null) ? request.options() : this.options;
	}

	/**
	 * Claims the job's unique key if it has one.
	 * @return empty to publish the job, or the id of the job that holds its key
	 */
	private Optional<String> claimUnique(JobEnvelope envelope, JobOptions jobOptions) {
		return this.deps.uniques().claim(envelope, jobOptions.uniqueFor());
	}

	/** The handle of a job that holds the unique key of one not enqueued. */
	private <R> JobHandle<R> handleOf(String jobId, JavaType resultType) {
		return new StoredJobHandle<>(jobId, this.deps.results(), this.deps.mapper(), resultType, JobStatus.PENDING, this::cancel);
	}

	private JobHandle<Object> handleFor(PreparedJob job) {
		return new StoredJobHandle<>(job.envelope().id(), this.deps.results(), this.deps.mapper(), job.resultType(),
				JobStatus.PENDING, this::cancel);
	}

	private JavaType objectType() {
		return this.deps.mapper().constructType(Object.class);
	}

	private void publishAndWait(List<JobEnvelope> envelopes) {
		if (publishesAfterCommit() && this.deps.outbox() != null) {
			stageInOutbox(envelopes);
			return;
		}
		if (publishesAfterCommit()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					if (status == STATUS_COMMITTED) {
						confirmAll(envelopes);
					}
					else {
						envelopes.forEach(JobEnqueuer.this.deps.uniques()::release);
					}
				}
			});
			return;
		}
		confirmAll(envelopes);
	}

	/**
	 * Writes the jobs into the outbox in the caller's transaction. Their {@code PENDING} records
	 * and observers wait for the relay's confirm, as after a direct publish; a rollback takes
	 * the rows with it and gives back the unique keys claimed for them.
	 */
	private void stageInOutbox(List<JobEnvelope> envelopes) {
		try {
			this.deps.outbox().stage(envelopes);
		}
		catch (RuntimeException ex) {
			envelopes.forEach(this.deps.uniques()::release);
			throw ex;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCompletion(int status) {
				if (status != STATUS_COMMITTED) {
					envelopes.forEach(JobEnqueuer.this.deps.uniques()::release);
				}
			}
		});
	}

	/** Inside a Spring transaction, unless {@code jobs.publish.transactional} is off. */
	private boolean publishesAfterCommit() {
		return this.deps.settings().transactional() && TransactionSynchronizationManager.isSynchronizationActive();
	}

	private void confirmAll(List<JobEnvelope> envelopes) {
		try {
			publishAndConfirm(envelopes);
		}
		catch (RuntimeException ex) {
			// Not enqueued (or not known to be): a later enqueue with the same unique key may go.
			envelopes.forEach(this.deps.uniques()::release);
			throw ex;
		}
		confirmed(envelopes);
	}

	private void publishAndConfirm(List<JobEnvelope> envelopes) {
		List<CompletableFuture<Void>> confirms = this.deps.publisher().publishAll(envelopes);
		Duration timeout = this.deps.settings().confirmTimeout();
		try {
			CompletableFuture.allOf(confirms.toArray(CompletableFuture[]::new))
				.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			throw Unconfirmed.timedOut(describe(envelopes), timeout, ex);
		}
		catch (ExecutionException ex) {
			throw Unconfirmed.failed(describe(envelopes), ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new JobsUnavailableException(describe(envelopes) + " not confirmed: interrupted while waiting", ex);
		}
	}

	/** The broker confirmed the jobs: their records and the observer are told, without waiting. */
	private void confirmed(List<JobEnvelope> envelopes) {
		this.deps.records().pending(envelopes);
		envelopes.forEach((envelope) -> this.deps.observer().enqueued(EnqueuedJob.of(envelope)));
	}

	private static String describe(List<JobEnvelope> envelopes) {
		return (envelopes.size() == 1) ? describe(envelopes.get(0)) : envelopes.size() + " jobs";
	}

	private static String describe(JobEnvelope envelope) {
		return "Job " + envelope.id() + " (task '" + envelope.task() + "')";
	}

	private record PreparedJob(JobEnvelope envelope, JavaType resultType) {
	}

	private record Dependencies(TaskRegistry registry, TaskMethodResolver resolver, JobPublisher publisher,
			ResultStore results, JsonMapper mapper, PublishSettings settings, JobRecords records, JobObserver observer,
			Clock clock, AsyncConfirms confirms, UniqueClaims uniques, WorkflowClient workflows,
			JobCanceller canceller, OutboxRelay outbox) {
	}

}
