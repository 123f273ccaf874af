package dev.jobs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a Spring bean as a background task: a unit of work that any instance's
 * worker can run from a durable job.
 *
 * <p>Enqueue it with {@link Jobs#enqueue(TaskMethod1, Object) jobs.enqueue(MyTasks::method, arg)},
 * or by name with {@link Jobs#enqueue(String, Object...)}. A {@code void} task method called
 * through the injected bean is enqueued instead of run: a durable {@code @Async}.
 *
 * <p>Arguments travel as JSON, encoded and decoded by the method's declared parameter types,
 * so pass identifiers and plain values, not live objects such as entities or streams.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface BackgroundTask {

	/**
	 * Task name, the stable identity a job message carries. Defaults to the bean class's
	 * simple name, a dot and the method name, for example {@code WebhookTasks.send}. Give an
	 * explicit name when other services enqueue the task or when the class may be renamed.
	 * @return the task name, or empty for the default
	 */
	String name() default "";

	/**
	 * Job queue the task's jobs are published to, unless {@code jobs.tasks.<name>.queue} or a
	 * {@link JobOptions#queue(String) job option} says otherwise.
	 * @return the queue name, or empty for {@code jobs.default-queue}
	 */
	String queue() default "";

	/**
	 * Retry policy for the task's failures: a name under {@code jobs.retry.policies}, unless
	 * {@code jobs.tasks.<name>.retry} says otherwise (so operators can tune retries without a
	 * rebuild).
	 * @return the policy name, or empty for {@code jobs.retry.default}
	 */
	String retry() default "";

	/**
	 * Whether the task's jobs are keyed by their arguments for an exactly-once effect: two jobs
	 * of this task with equal arguments (compared as canonical JSON, {@code docs/protocol.md})
	 * run once, and the second ends {@code SUCCESS} with the first one's result. See
	 * {@code docs/exactly-once.md}. {@link #idempotencyKey()} and
	 * {@code JobOptions.idempotencyKey(...)} name the key explicitly instead.
	 * @return {@code true} to key jobs by their arguments
	 */
	boolean idempotent() default false;

	/**
	 * A SpEL expression over the task's parameters that gives each job its idempotency key,
	 * such as {@code "#orderId"} or {@code "#order.id() + ':' + #attemptNo"}: parameters by name
	 * (the class must be compiled with {@code -parameters}, as Spring Boot's build does) or as
	 * {@code #p0}, {@code #p1}. Unless {@code jobs.tasks.<name>.idempotency} says otherwise. A
	 * key given at enqueue wins.
	 * @return the expression, or empty
	 */
	String idempotencyKey() default "";

	/**
	 * A SpEL expression over the task's parameters naming a lock the job must hold to run, such
	 * as {@code "'sync:' + #userId"}: two jobs with the same lock never run at once, on any
	 * instance. The lock is an owner-token lease in Redis, renewed while the job runs and
	 * released only by its owner. Unless {@code jobs.tasks.<name>.lock} says otherwise.
	 * @return the expression, or empty for no lock
	 */
	String lock() default "";

	/**
	 * How long a job's lock lasts if its worker dies without releasing it, as a duration such as
	 * {@code 10m} or {@code 30s}; while the job runs the lease is renewed. Unless
	 * {@code jobs.tasks.<name>.lock-timeout} says otherwise.
	 * @return the lease, or empty for {@code jobs.locks.timeout}
	 */
	String lockTimeout() default "";

	/**
	 * How long one run of the task may take, as a duration such as {@code 30s} or {@code 10m}. At
	 * the limit the worker interrupts the task's thread (a blocking call throws
	 * {@code InterruptedException}; a loop should check {@code Thread.interrupted()}), and the
	 * attempt fails with {@link JobTimeoutException}, which the retry policy retries like any
	 * failure unless it says otherwise; the record's {@code reason} is {@code timed_out}. The
	 * interrupt of a time limit is never taken for a shutdown. Unless
	 * {@code jobs.tasks.<name>.timeout} says otherwise.
	 * @return the limit, or empty for none
	 */
	String timeout() default "";

	/**
	 * How long after its start a run that ignores the interrupt of its {@link #timeout()} is
	 * abandoned, as a duration later than the timeout, such as {@code 12m} for a {@code 10m}
	 * timeout. The abandoned attempt fails with {@link JobTimeoutException} (retried or
	 * dead-lettered as {@code TIMED_OUT}), the worker slot goes to a new thread, and the stuck
	 * thread is counted ({@code jobs.worker.stuck}). Needs a timeout. Unless
	 * {@code jobs.tasks.<name>.hard-timeout} says otherwise; without either, the timeout plus
	 * {@code jobs.worker.hard-timeout-grace}.
	 * @return the hard limit, or empty for the default
	 */
	String hardTimeout() default "";

	/**
	 * What becomes of a job whose lock another job holds. Unless
	 * {@code jobs.tasks.<name>.on-locked} says otherwise.
	 * @return {@link OnLocked#RETRY} unless set
	 */
	OnLocked onLocked() default OnLocked.RETRY;

	/**
	 * How many of the task's jobs may start per period, across every instance: {@code 10/m},
	 * {@code 5/s}, {@code 1000/h} or {@code 100/5m}. A job over the rate is deferred, without
	 * spending an attempt or holding a worker thread, to the slot reserved for it. Unless
	 * {@code jobs.tasks.<name>.rate-limit} says otherwise; the burst
	 * ({@code rate-limit-burst}, default 1) and the scope ({@code rate-limit-scope}: global or
	 * worker) are set there. See {@code docs/flow-control.md}.
	 * @return the rate, or empty for none
	 */
	String rateLimit() default "";

	/**
	 * A SpEL expression over the task's parameters that gives each key its own budget of
	 * {@link #rateLimit()}, such as {@code "#customerId"}: one tenant cannot use up another's.
	 * Unless {@code jobs.tasks.<name>.rate-limit-key} says otherwise.
	 * @return the expression, or empty for one budget per task
	 */
	String rateLimitKey() default "";

	/**
	 * How many of the task's jobs may run at once across every instance (a Redis semaphore
	 * whose permits have leases, so a dead worker's comes back); with {@link #concurrencyKey()},
	 * how many of each key. A job over the cap is deferred without spending an attempt or holding
	 * a thread. Unless {@code jobs.tasks.<name>.max-concurrent} says otherwise. See
	 * {@code docs/flow-control.md}.
	 * @return the cap, or 0 for none
	 */
	int maxConcurrent() default 0;

	/**
	 * A SpEL expression over the task's parameters that gives each key its own
	 * {@link #maxConcurrent()} cap, such as {@code "#customerId"}. Unless
	 * {@code jobs.tasks.<name>.concurrency-key} says otherwise.
	 * @return the expression, or empty for one cap per task
	 */
	String concurrencyKey() default "";

	/**
	 * The message priority of the task's jobs, on a queue declared with
	 * {@code jobs.queues.<q>.max-priority}: <strong>higher runs first</strong> (AMQP's meaning),
	 * 0 to 255. {@code JobOptions.priority(...)} at enqueue wins.
	 * @return the priority, 0 (the lowest) unless set
	 */
	int priority() default 0;

	/**
	 * Whether Actuator shows each of this task's arguments as {@code "***"}, keeping their
	 * count, whatever {@code jobs.actuate.show-values} says: in the dead-letter entries of
	 * {@code GET /actuator/jobs/dlq}. The message itself is unchanged, so a replay runs with the
	 * real arguments. Unless {@code jobs.tasks.<name>.mask-args} says otherwise.
	 * @return {@code false} unless set
	 */
	boolean maskArgs() default false;

	/**
	 * The version of this task's signature, from 1. Raise it when a change to the parameters
	 * changes what a job's arguments mean (a parameter renamed, retyped, split or removed), and
	 * declare a {@link TaskUpcaster} bean from the previous version to this one: a job written for
	 * an older version is upcast before its arguments are decoded, and a job written for a newer
	 * version than this worker knows waits for a worker that knows it. A trailing parameter that
	 * may be missing (annotated {@code @Nullable}, or an {@code Optional}) needs no new version.
	 * See {@code docs/rolling-deploys.md}.
	 * @return the version, 1 unless set
	 */
	int version() default 1;

}
