package dev.jobs;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import dev.jobs.workflow.BatchBuilder;
import dev.jobs.workflow.BatchHandle;
import dev.jobs.workflow.Workflow;
import dev.jobs.workflow.WorkflowHandle;

/**
 * The front door: enqueues jobs and finds them again. Inject it where work should happen in
 * the background.
 *
 * <p>Every enqueue returns only after RabbitMQ has confirmed the job durably; if it cannot, it
 * throws {@link JobsUnavailableException} and the job must be taken as not enqueued.
 * ({@link #enqueueAsync} returns at once, and its future says the same later.) Inside a
 * Spring transaction the job is published after the commit, and not at all on rollback (see
 * {@code jobs.publish.transactional}); the handle is returned at once.
 *
 * <pre>{@code
 * JobHandle<Receipt> h = jobs.enqueue(PaymentTasks::charge, orderId, amount);
 * jobs.with(JobOptions.defaults().queue("critical")).enqueue(MailTasks::sendWelcome, userId);
 * jobs.enqueue("send-webhook", url, payload);   // by name, for a task another service runs
 * }</pre>
 */
public interface Jobs {

	/**
	 * Enqueues a job for a 0-argument task that returns a value.
	 * @param task the task method, as a method reference
	 * @param <B> the bean type
	 * @param <R> the result type
	 * @return a handle to the job
	 */
	<B, R> JobHandle<R> enqueue(TaskMethod0<B, R> task);

	/**
	 * Enqueues a job for a 1-argument task that returns a value.
	 * @param task the task method, as a method reference
	 * @param a1 argument 1
	 * @param <B> the bean type
	 * @param <A1> the type of parameter 1
	 * @param <R> the result type
	 * @return a handle to the job
	 */
	<B, A1, R> JobHandle<R> enqueue(TaskMethod1<B, A1, R> task, A1 a1);

	/**
	 * Enqueues a job for a 2-argument task that returns a value.
	 * @param task the task method, as a method reference
	 * @param a1 argument 1
	 * @param a2 argument 2
	 * @param <B> the bean type
	 * @param <A1> the type of parameter 1
	 * @param <A2> the type of parameter 2
	 * @param <R> the result type
	 * @return a handle to the job
	 */
	<B, A1, A2, R> JobHandle<R> enqueue(TaskMethod2<B, A1, A2, R> task, A1 a1, A2 a2);

	/**
	 * Enqueues a job for a 3-argument task that returns a value.
	 * @param task the task method, as a method reference
	 * @param a1 argument 1
	 * @param a2 argument 2
	 * @param a3 argument 3
	 * @param <B> the bean type
	 * @param <A1> the type of parameter 1
	 * @param <A2> the type of parameter 2
	 * @param <A3> the type of parameter 3
	 * @param <R> the result type
	 * @return a handle to the job
	 */
	<B, A1, A2, A3, R> JobHandle<R> enqueue(TaskMethod3<B, A1, A2, A3, R> task, A1 a1, A2 a2, A3 a3);

	/**
	 * Enqueues a job for a 4-argument task that returns a value.
	 * @param task the task method, as a method reference
	 * @param a1 argument 1
	 * @param a2 argument 2
	 * @param a3 argument 3
	 * @param a4 argument 4
	 * @param <B> the bean type
	 * @param <A1> the type of parameter 1
	 * @param <A2> the type of parameter 2
	 * @param <A3> the type of parameter 3
	 * @param <A4> the type of parameter 4
	 * @param <R> the result type
	 * @return a handle to the job
	 */
	<B, A1, A2, A3, A4, R> JobHandle<R> enqueue(TaskMethod4<B, A1, A2, A3, A4, R> task, A1 a1, A2 a2, A3 a3, A4 a4);

	/**
	 * Enqueues a job for a 0-argument {@code void} task.
	 * @param task the task method, as a method reference
	 * @param <B> the bean type
	 * @return a handle to the job
	 */
	<B> JobHandle<Void> enqueue(VoidTaskMethod0<B> task);

	/**
	 * Enqueues a job for a 1-argument {@code void} task.
	 * @param task the task method, as a method reference
	 * @param a1 argument 1
	 * @param <B> the bean type
	 * @param <A1> the type of parameter 1
	 * @return a handle to the job
	 */
	<B, A1> JobHandle<Void> enqueue(VoidTaskMethod1<B, A1> task, A1 a1);

	/**
	 * Enqueues a job for a 2-argument {@code void} task.
	 * @param task the task method, as a method reference
	 * @param a1 argument 1
	 * @param a2 argument 2
	 * @param <B> the bean type
	 * @param <A1> the type of parameter 1
	 * @param <A2> the type of parameter 2
	 * @return a handle to the job
	 */
	<B, A1, A2> JobHandle<Void> enqueue(VoidTaskMethod2<B, A1, A2> task, A1 a1, A2 a2);

	/**
	 * Enqueues a job for a 3-argument {@code void} task.
	 * @param task the task method, as a method reference
	 * @param a1 argument 1
	 * @param a2 argument 2
	 * @param a3 argument 3
	 * @param <B> the bean type
	 * @param <A1> the type of parameter 1
	 * @param <A2> the type of parameter 2
	 * @param <A3> the type of parameter 3
	 * @return a handle to the job
	 */
	<B, A1, A2, A3> JobHandle<Void> enqueue(VoidTaskMethod3<B, A1, A2, A3> task, A1 a1, A2 a2, A3 a3);

	/**
	 * Enqueues a job for a 4-argument {@code void} task.
	 * @param task the task method, as a method reference
	 * @param a1 argument 1
	 * @param a2 argument 2
	 * @param a3 argument 3
	 * @param a4 argument 4
	 * @param <B> the bean type
	 * @param <A1> the type of parameter 1
	 * @param <A2> the type of parameter 2
	 * @param <A3> the type of parameter 3
	 * @param <A4> the type of parameter 4
	 * @return a handle to the job
	 */
	<B, A1, A2, A3, A4> JobHandle<Void> enqueue(VoidTaskMethod4<B, A1, A2, A3, A4> task, A1 a1, A2 a2, A3 a3, A4 a4);

	/**
	 * Enqueues a job by task name: for tasks this application runs, and for tasks run by
	 * another service that are declared under {@code jobs.tasks}. Arguments are checked and
	 * encoded by the task's parameter types where the task is local.
	 * @param task the task name
	 * @param args the arguments, in the order of the task's parameters
	 * @return a handle to the job; its result is decoded by the task's return type where the
	 * task is local, and as plain JSON values (maps, lists, strings, numbers) otherwise
	 * @throws UnknownTaskException if no task of that name is known here
	 */
	JobHandle<Object> enqueue(String task, Object... args);

	/**
	 * Enqueues many jobs with one wait for all of their confirms: far faster than one
	 * enqueue after another. Either every job is confirmed, or the call throws
	 * {@link JobsUnavailableException} and any of them may or may not have been accepted.
	 * @param requests the jobs to enqueue
	 * @return their handles, in the order of the requests
	 */
	List<JobHandle<Object>> enqueueAll(List<JobRequest> requests);

	/**
	 * Enqueues a job without waiting for the broker, for producers with many jobs in flight
	 * (an import, a fan-out) that would otherwise wait for each confirm in turn. The task and
	 * arguments are checked at once, and this method throws as {@code enqueue} does; the
	 * returned future completes with the job's handle once RabbitMQ has confirmed the job, and
	 * fails with {@link JobsUnavailableException} if the broker refuses it or does not confirm it
	 * within {@code jobs.publish.confirm-timeout}. Only a future that completed normally means an
	 * accepted job.
	 *
	 * <p>Inside a Spring transaction the job is published after the commit (see
	 * {@code jobs.publish.transactional}); on rollback the future fails and nothing is sent.
	 * The future's dependent stages run on one thread of the starter's, shared by all such
	 * futures: keep them short, or use the {@code ...Async} stages for slow work.
	 * @param request the job
	 * @return the job's handle, once the job is accepted
	 * @throws UnknownTaskException if no task of that name is known here
	 * @throws JobArgumentsException if the arguments do not fit the task's parameters
	 */
	CompletableFuture<JobHandle<Object>> enqueueAsync(JobRequest request);

	/**
	 * A view of this front door that enqueues with the given options.
	 * @param options the options for every job enqueued through the view
	 * @return the view
	 */
	Jobs with(JobOptions options);

	/**
	 * A handle to a job enqueued earlier, by its id, for example one kept in a database row. An
	 * id with no record (never enqueued, or its record expired) reads {@link JobStatus#UNKNOWN}.
	 * @param jobId the job id
	 * @return a handle whose result is decoded as plain JSON values
	 */
	JobHandle<Object> handle(String jobId);

	/**
	 * A handle to a job enqueued earlier, with its result decoded as the given type; as
	 * {@link #handle(String)}, an id with no record reads {@link JobStatus#UNKNOWN}.
	 * @param jobId the job id
	 * @param resultType the task's result type
	 * @param <T> the result type
	 * @return a typed handle
	 */
	<T> JobHandle<T> handle(String jobId, Class<T> resultType);

	/**
	 * Cancels a job: a job that has not started is skipped when it is delivered ({@code CANCELLED},
	 * no attempt spent), and a running one is interrupted on whichever instance runs it, within
	 * about a second; a job that has ended stays as it ended. For a workflow's id, every step of
	 * the workflow that has not ended is cancelled, which fails the workflow.
	 * @param jobId a job or workflow id
	 * @throws JobsUnavailableException if the cancel cannot be stored
	 */
	void cancel(String jobId);

	/**
	 * Submits a workflow (see {@link dev.jobs.workflow.Workflows}): its plan is stored and its
	 * first jobs are published and confirmed before this returns. Every step's arguments are
	 * checked against its task now, so a workflow that cannot run fails here. Published at once,
	 * also inside a Spring transaction.
	 * @param workflow the workflow
	 * @param <T> what it yields
	 * @return its handle
	 * @throws JobArgumentsException if a step's arguments do not fit its task
	 * @throws JobsUnavailableException if the broker or Redis cannot take it
	 */
	<T> WorkflowHandle<T> submit(Workflow<T> workflow);

	/**
	 * A handle to a workflow submitted earlier, by its id.
	 * @param workflowId the id
	 * @return a handle whose result is decoded as plain JSON values
	 */
	WorkflowHandle<Object> workflow(String workflowId);

	/**
	 * Creates a batch: {@code jobs.batch(b -> b.add(sig(...)).onComplete(sig(...)))}. Its jobs
	 * are counted, then published and confirmed, before this returns; jobs of the batch may add
	 * more with {@code JobContext.current().batch().add(...)}.
	 * @param definition adds the jobs and the callbacks
	 * @return the batch's handle
	 * @throws JobArgumentsException if a job's arguments do not fit its task
	 * @throws JobsUnavailableException if the broker or Redis cannot take it
	 */
	BatchHandle batch(Consumer<BatchBuilder> definition);

	/**
	 * A handle to a batch created earlier, by its id.
	 * @param batchId the id
	 * @return the handle
	 */
	BatchHandle batchHandle(String batchId);

}
