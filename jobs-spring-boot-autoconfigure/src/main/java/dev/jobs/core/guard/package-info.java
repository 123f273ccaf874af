/**
 * The guards between a job's decoding and its task's invocation, each one
 * {@link dev.jobs.core.execution.JobGuard}.
 *
 * <p>How the pipeline works, for whoever adds a guard (cancellation, rate limits, concurrency
 * keys, locks, idempotency):
 * <ol>
 * <li>The {@link dev.jobs.core.execution.JobExecutor} decodes the body, finds the task and binds
 * the arguments; bad input is rejected before any guard runs.</li>
 * <li>The guards run in their configured order. Each returns
 * {@link dev.jobs.core.execution.Admission#proceed()}, or {@code proceed(afterRun)} to leave a
 * step for the end of the delivery (release a lock), or {@code proceed(onSuccess, afterRun)} to
 * also leave a step that must be durable before a success is (store under an idempotency key), or
 * {@link dev.jobs.core.execution.Admission#stop(dev.jobs.core.execution.Outcome) stop(outcome)}
 * to end the delivery without running the task: expired, and later deferred (no attempt
 * spent), skipped or cancelled.</li>
 * <li>The first stop wins; the guards after it do not run.</li>
 * <li>After a success, the worker first runs the guards' {@code onSuccess} steps, on the job's
 * thread, holding the delivery while one is refused.</li>
 * <li>The worker settles the outcome, then runs the after-run steps of every guard that
 * admitted the job, the last one first, whatever the outcome was; only then is the delivery
 * acknowledged.</li>
 * <li>A guard whose store is unreachable throws instead of admitting the job: a guarded job never
 * runs unguarded. The worker holds the delivery and asks the guards again after a pause, so an
 * outage uses up neither attempts nor the broker's delivery limit.</li>
 * </ol>
 * A guard is a Spring-free class with its store behind a {@code core.port} interface, so it is
 * unit-tested with a fake port and integration-tested with the Redis adapter.
 */
package dev.jobs.core.guard;
