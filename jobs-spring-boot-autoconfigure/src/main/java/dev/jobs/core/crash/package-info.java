/**
 * Poison jobs: the {@link dev.jobs.core.crash.CrashGuard} counts the runs of a job that never
 * settled and dead-letters the job once they reach {@code jobs.worker.crash-limit}.
 */
package dev.jobs.core.crash;
