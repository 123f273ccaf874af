package dev.jobs.autoconfigure;

import java.time.Duration;

/**
 * The properties of idempotency keys, locks and unique jobs ({@code jobs.idempotency.*},
 * {@code jobs.locks.*}, {@code jobs.unique.*}); see {@code docs/exactly-once.md}.
 */
public final class ExactlyOnceProperties {

	private ExactlyOnceProperties() {
	}

	/**
	 * Idempotency keys.
	 */
	public static class Idempotency {

		/**
		 * How long the result of a succeeded job is kept under its idempotency key: later jobs
		 * with the key end SUCCESS with it instead of running.
		 */
		private Duration ttl = Duration.ofHours(24);

		/**
		 * How long a running job's claim of its key lasts if its worker dies; renewed every
		 * third of it while the job runs.
		 */
		private Duration lease = Duration.ofSeconds(30);

		/**
		 * How long a job waits, deferred without spending an attempt, before asking again while
		 * another job with its key runs.
		 */
		private Duration retryAfter = Duration.ofSeconds(1);

		/** @return how long the result of a succeeded job is kept under its idempotency key */
		public Duration getTtl() {
			return this.ttl;
		}

		/** @param ttl how long the result of a succeeded job is kept under its idempotency key */
		public void setTtl(Duration ttl) {
			this.ttl = ttl;
		}

		/** @return how long a running job's claim of its key lasts if its worker dies */
		public Duration getLease() {
			return this.lease;
		}

		/** @param lease how long a running job's claim of its key lasts if its worker dies */
		public void setLease(Duration lease) {
			this.lease = lease;
		}

		/**
		 * @return how long a job waits, deferred without spending an attempt, before asking again
		 * while another job with its key runs
		 */
		public Duration getRetryAfter() {
			return this.retryAfter;
		}

		/**
		 * @param retryAfter how long a job waits, deferred without spending an attempt, before
		 * asking again while another job with its key runs
		 */
		public void setRetryAfter(Duration retryAfter) {
			this.retryAfter = retryAfter;
		}

	}

	/**
	 * Task locks.
	 */
	public static class Locks {

		/**
		 * Lease of a task's lock unless the task sets lock-timeout: how long the lock outlives a
		 * worker that died holding it. Renewed every third of it while the job runs.
		 */
		private Duration timeout = Duration.ofSeconds(60);

		/**
		 * How long a job whose lock is held waits, deferred without spending an attempt, before
		 * trying again (on-locked: retry).
		 */
		private Duration retryAfter = Duration.ofSeconds(5);

		/** @return lease of a task's lock unless the task sets lock-timeout */
		public Duration getTimeout() {
			return this.timeout;
		}

		/** @param timeout lease of a task's lock unless the task sets lock-timeout */
		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		/**
		 * @return how long a job whose lock is held waits, deferred without spending an attempt,
		 * before trying again
		 */
		public Duration getRetryAfter() {
			return this.retryAfter;
		}

		/**
		 * @param retryAfter how long a job whose lock is held waits, deferred without spending an
		 * attempt, before trying again
		 */
		public void setRetryAfter(Duration retryAfter) {
			this.retryAfter = retryAfter;
		}

	}

	/**
	 * Unique jobs.
	 */
	public static class Unique {

		/**
		 * How long a unique key is held at most unless the enqueue gives its own, so that a lost
		 * job cannot hold its key for ever.
		 */
		private Duration ttl = Duration.ofHours(24);

		/**
		 * @return how long a unique key is held at most unless the enqueue gives its own, so that a
		 * lost job cannot hold its key for ever
		 */
		public Duration getTtl() {
			return this.ttl;
		}

		/**
		 * @param ttl how long a unique key is held at most unless the enqueue gives its own, so
		 * that a lost job cannot hold its key for ever
		 */
		public void setTtl(Duration ttl) {
			this.ttl = ttl;
		}

	}

}
