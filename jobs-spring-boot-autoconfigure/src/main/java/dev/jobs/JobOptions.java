package dev.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How one job should be enqueued, beyond its task and arguments. Immutable: each method
 * returns a new value, so a value can be kept in a constant and shared.
 *
 * <pre>{@code
 * jobs.with(JobOptions.defaults().queue("critical").expiresIn(Duration.ofMinutes(5)))
 *     .enqueue(WebhookTasks::send, url, payload);
 * }</pre>
 */
public final class JobOptions {

	private static final JobOptions DEFAULTS = new JobOptions(new Values());

	private final String queue;

	private final Duration expiresIn;

	private final Instant expiresAt;

	private final Duration delay;

	private final Instant eta;

	private final String idempotencyKey;

	private final String uniqueKey;

	private final Duration uniqueFor;

	private final UniqueUntil uniqueUntil;

	private final Integer priority;

	private final String retryPolicy;

	private JobOptions(Values values) {
		this.queue = values.queue;
		this.expiresIn = values.expiresIn;
		this.expiresAt = values.expiresAt;
		this.delay = values.delay;
		this.eta = values.eta;
		this.idempotencyKey = values.idempotencyKey;
		this.uniqueKey = values.uniqueKey;
		this.uniqueFor = values.uniqueFor;
		this.uniqueUntil = values.uniqueUntil;
		this.priority = values.priority;
		this.retryPolicy = values.retryPolicy;
	}

	/**
	 * A copy of these options with a change applied, so that a method sets only what it
	 * changes, and a new option touches only {@link Values}.
	 */
	private JobOptions with(Consumer<Values> change) {
		Values values = new Values(this);
		change.accept(values);
		return new JobOptions(values);
	}

	/**
	 * The longest delay a job can be given: 2^22 - 1 seconds (48 days and 13 hours), the reach of
	 * the broker's delay levels.
	 */
	public static final Duration MAX_DELAY = Duration.ofSeconds((1L << 22) - 1);

	/**
	 * Options that change nothing: the task's own queue, no delay, no expiry.
	 * @return the default options
	 */
	public static JobOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Publishes the job to this queue instead of the task's own. The queue must be one this
	 * application declares (see {@code jobs.queues}).
	 * @param queue the job queue name
	 * @return new options
	 */
	public JobOptions queue(String queue) {
		Objects.requireNonNull(queue, "queue must not be null");
		return with((values) -> values.queue = queue);
	}

	/**
	 * Drops the job, unrun, if no worker has started it within this time after enqueue. Its
	 * status becomes {@link JobStatus#EXPIRED}. Replaces any {@link #expiresAt(Instant)}.
	 * @param expiresIn a positive duration
	 * @return new options
	 */
	public JobOptions expiresIn(Duration expiresIn) {
		if (expiresIn == null || expiresIn.isNegative() || expiresIn.isZero()) {
			throw new IllegalArgumentException("expiresIn must be a positive duration, got " + expiresIn);
		}
		return with((values) -> {
			values.expiresIn = expiresIn;
			values.expiresAt = null;
		});
	}

	/**
	 * Drops the job, unrun, if no worker has started it by this instant. Its status becomes
	 * {@link JobStatus#EXPIRED}. Replaces any {@link #expiresIn(Duration)}.
	 * @param expiresAt the expiry instant
	 * @return new options
	 */
	public JobOptions expiresAt(Instant expiresAt) {
		Objects.requireNonNull(expiresAt, "expiresAt must not be null");
		return with((values) -> {
			values.expiresIn = null;
			values.expiresAt = expiresAt;
		});
	}

	/**
	 * Holds the job back for this long after enqueue (a countdown). The wait happens in the
	 * broker, survives restarts and costs workers nothing; the job arrives within about a
	 * second of its due time. Replaces any {@link #eta(Instant)}.
	 * @param delay zero or positive, at most {@link #MAX_DELAY}
	 * @return new options
	 */
	public JobOptions delay(Duration delay) {
		if (delay == null || delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
			throw new IllegalArgumentException("delay must be between 0 and " + MAX_DELAY + ", got " + delay);
		}
		return with((values) -> {
			values.delay = delay;
			values.eta = null;
		});
	}

	/**
	 * Holds the job back until this instant. An instant in the past runs the job at once.
	 * Replaces any {@link #delay(Duration)}.
	 * @param eta when the job should run; at most {@link #MAX_DELAY} ahead
	 * @return new options
	 */
	public JobOptions eta(Instant eta) {
		Objects.requireNonNull(eta, "eta must not be null");
		return with((values) -> {
			values.delay = null;
			values.eta = eta;
		});
	}

	/**
	 * Gives the job an idempotency key: of all jobs of this task with the same key, within
	 * {@code jobs.idempotency.ttl} of the first success, the task runs for one only; the others
	 * end {@link JobStatus#SUCCESS} with that job's result, without running, and a second one
	 * delivered while the first runs waits for it. Replaces the key the task's
	 * {@code @BackgroundTask(idempotent, idempotencyKey)} would derive. See
	 * {@code docs/exactly-once.md}.
	 * @param key a non-empty key, at most 255 characters, unique among this task's jobs
	 * @return new options
	 */
	public JobOptions idempotencyKey(String key) {
		requireKey(key, "idempotencyKey");
		return with((values) -> values.idempotencyKey = key);
	}

	/**
	 * Makes the job unique by key at enqueue: while a job of this task with the same key is
	 * waiting (or running, by {@link #uniqueUntil(UniqueUntil)}), another enqueue with it
	 * publishes nothing and returns that job's handle. The key is kept at most
	 * {@code jobs.unique.ttl} (default 24 hours), so a lost job cannot hold it for ever.
	 * @param key a non-empty key, at most 255 characters
	 * @return new options
	 */
	public JobOptions uniqueKey(String key) {
		requireKey(key, "uniqueKey");
		return with((values) -> values.uniqueKey = key);
	}

	/**
	 * As {@link #uniqueKey(String)}, holding the key at most {@code ttl} instead of
	 * {@code jobs.unique.ttl}.
	 * @param key a non-empty key, at most 255 characters
	 * @param ttl a positive duration
	 * @return new options
	 */
	public JobOptions uniqueKey(String key, Duration ttl) {
		requireKey(key, "uniqueKey");
		if (ttl == null || ttl.isNegative() || ttl.isZero()) {
			throw new IllegalArgumentException("the time to live of a unique key must be positive, got " + ttl);
		}
		return with((values) -> {
			values.uniqueKey = key;
			values.uniqueFor = ttl;
		});
	}

	/**
	 * Until when a {@linkplain #uniqueKey(String) unique key} is held: until a worker starts
	 * the job, or (the default) until it ends.
	 * @param until when the key is released
	 * @return new options
	 */
	public JobOptions uniqueUntil(UniqueUntil until) {
		Objects.requireNonNull(until, "uniqueUntil must not be null");
		return with((values) -> values.uniqueUntil = until);
	}

	/**
	 * Gives the job a message priority: on a job queue declared with
	 * {@code jobs.queues.<q>.max-priority} (a classic queue), waiting jobs of a higher priority
	 * are delivered first. <strong>Higher runs first</strong>, as in AMQP (BullMQ's is the
	 * other way round: lower first). A priority above the queue's {@code max-priority} counts as
	 * {@code max-priority}; on a queue without one it is ignored. Replaces the task's
	 * {@code @BackgroundTask(priority)}.
	 * @param priority 0 (the default, lowest) to 255
	 * @return new options
	 */
	public JobOptions priority(int priority) {
		if (priority < 0 || priority > 255) {
			throw new IllegalArgumentException("priority must be between 0 and 255 (higher runs first), got " + priority);
		}
		return with((values) -> values.priority = priority);
	}

	/**
	 * Retries the job by a named policy of {@code jobs.retry.policies} (or {@code default})
	 * instead of its task's: for one job, or one step of a workflow, that must give up sooner or
	 * try longer than the task usually does. The name travels with the job; a worker that has no
	 * policy of that name uses the task's and logs a warning.
	 * @param name the policy name
	 * @return new options
	 */
	public JobOptions retryPolicy(String name) {
		requireKey(name, "retryPolicy");
		return with((values) -> values.retryPolicy = name);
	}

	/**
	 * The retry policy given at enqueue.
	 * @return its name, or {@code null} for the task's own
	 */
	public String retryPolicy() {
		return this.retryPolicy;
	}

	/**
	 * The priority given at enqueue.
	 * @return the priority, or {@code null} for the task's own
	 */
	public Integer priority() {
		return this.priority;
	}

	private static void requireKey(String key, String option) {
		if (key == null || key.isBlank() || key.length() > 255) {
			throw new IllegalArgumentException(option + " must be a non-empty key of at most 255 characters, got "
					+ ((key == null) ? "null" : "'" + key + "'"));
		}
	}

	/**
	 * The idempotency key given at enqueue.
	 * @return the key, or {@code null} for the task's own (if any)
	 */
	public String idempotencyKey() {
		return this.idempotencyKey;
	}

	/**
	 * The unique key given at enqueue.
	 * @return the key, or {@code null} if the job is not unique
	 */
	public String uniqueKey() {
		return this.uniqueKey;
	}

	/**
	 * How long the unique key is held at most.
	 * @return the time to live, or {@code null} for {@code jobs.unique.ttl}
	 */
	public Duration uniqueFor() {
		return this.uniqueFor;
	}

	/**
	 * Until when the unique key is held.
	 * @return {@link UniqueUntil#FINISHED} unless set otherwise
	 */
	public UniqueUntil uniqueUntil() {
		return (this.uniqueUntil != null) ? this.uniqueUntil : UniqueUntil.FINISHED;
	}

	/**
	 * When the job is due if it is enqueued at the given instant.
	 * @param enqueuedAt the enqueue instant
	 * @return the due instant, or {@code null} to run as soon as possible
	 */
	public Instant dueFor(Instant enqueuedAt) {
		return (this.delay != null) ? enqueuedAt.plus(this.delay) : this.eta;
	}

	/**
	 * The queue chosen for the job, or {@code null} for the task's own.
	 * @return the queue name or {@code null}
	 */
	public String queue() {
		return this.queue;
	}

	/**
	 * When the job expires if it is enqueued at the given instant.
	 * @param enqueuedAt the enqueue instant
	 * @return the expiry instant, or {@code null} if the job does not expire
	 */
	public Instant expiryFor(Instant enqueuedAt) {
		return (this.expiresIn != null) ? enqueuedAt.plus(this.expiresIn) : this.expiresAt;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof JobOptions that && Objects.equals(this.queue, that.queue)
				&& Objects.equals(this.expiresIn, that.expiresIn) && Objects.equals(this.expiresAt, that.expiresAt)
				&& Objects.equals(this.delay, that.delay) && Objects.equals(this.eta, that.eta)
				&& Objects.equals(this.idempotencyKey, that.idempotencyKey)
				&& Objects.equals(this.uniqueKey, that.uniqueKey) && Objects.equals(this.uniqueFor, that.uniqueFor)
				&& Objects.equals(this.uniqueUntil, that.uniqueUntil) && Objects.equals(this.priority, that.priority)
				&& Objects.equals(this.retryPolicy, that.retryPolicy);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.queue, this.expiresIn, this.expiresAt, this.delay, this.eta, this.idempotencyKey,
				this.uniqueKey, this.uniqueFor, this.uniqueUntil, this.priority, this.retryPolicy);
	}

	@Override
	public String toString() {
		return "JobOptions[queue=" + this.queue + ", delay=" + this.delay + ", eta=" + this.eta + ", expiresIn="
				+ this.expiresIn + ", expiresAt=" + this.expiresAt + ", idempotencyKey=" + this.idempotencyKey
				+ ", uniqueKey=" + this.uniqueKey + ", uniqueFor=" + this.uniqueFor + ", uniqueUntil=" + this.uniqueUntil
				+ ", priority=" + this.priority + ", retryPolicy=" + this.retryPolicy + "]";
	}

	/** The options as a mutable copy, to change before a new {@link JobOptions} is made. */
	private static final class Values {

		private String queue;

		private Duration expiresIn;

		private Instant expiresAt;

		private Duration delay;

		private Instant eta;

		private String idempotencyKey;

		private String uniqueKey;

		private Duration uniqueFor;

		private UniqueUntil uniqueUntil;

		private Integer priority;

		private String retryPolicy;

		Values() {
		}

		Values(JobOptions options) {
			this.queue = options.queue;
			this.expiresIn = options.expiresIn;
			this.expiresAt = options.expiresAt;
			this.delay = options.delay;
			this.eta = options.eta;
			this.idempotencyKey = options.idempotencyKey;
			this.uniqueKey = options.uniqueKey;
			this.uniqueFor = options.uniqueFor;
			this.uniqueUntil = options.uniqueUntil;
			this.priority = options.priority;
			this.retryPolicy = options.retryPolicy;
		}

	}

}
