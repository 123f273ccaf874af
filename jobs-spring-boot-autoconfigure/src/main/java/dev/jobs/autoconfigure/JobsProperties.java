package dev.jobs.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.jobs.OnLocked;
import dev.jobs.core.task.RateLimitScope;
import dev.jobs.rabbit.ConsumerTimeoutCheck;
import dev.jobs.rabbit.topology.QueueType;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of background jobs: the {@code jobs.*} tree.
 */
@ConfigurationProperties("jobs")
public class JobsProperties {

	/**
	 * Queue for tasks that name none.
	 */
	private String defaultQueue = "default";

	private final Worker worker = new Worker();

	/**
	 * Job queues by name: how each is declared in RabbitMQ and consumed by workers. Queues
	 * named by tasks, options or the worker but missing here get the defaults.
	 */
	private final Map<String, QueueProperties> queues = new LinkedHashMap<>();

	/**
	 * Per-task settings by task name, overriding the task's annotation. An entry for a task
	 * this application does not run declares a task of another service, so it can be enqueued
	 * by name.
	 */
	private final Map<String, TaskProperties> tasks = new LinkedHashMap<>();

	/**
	 * Cron and fixed-rate schedules by name: each slot becomes one durable job, enqueued by
	 * exactly one instance. Names with dots need brackets.
	 */
	private final Map<String, ScheduleProperties> schedules = new LinkedHashMap<>();

	private final Retry retry = new Retry();

	private final Publish publish = new Publish();

	private final Message message = new Message();

	private final Results results = new Results();

	private final Rabbit rabbit = new Rabbit();

	private final Redis redis = new Redis();

	private final Actuate actuate = new Actuate();

	@NestedConfigurationProperty
	private final ExactlyOnceProperties.Idempotency idempotency = new ExactlyOnceProperties.Idempotency();

	@NestedConfigurationProperty
	private final ExactlyOnceProperties.Locks locks = new ExactlyOnceProperties.Locks();

	@NestedConfigurationProperty
	private final ExactlyOnceProperties.Unique unique = new ExactlyOnceProperties.Unique();

	public String getDefaultQueue() {
		return this.defaultQueue;
	}

	public void setDefaultQueue(String defaultQueue) {
		this.defaultQueue = defaultQueue;
	}

	public Worker getWorker() {
		return this.worker;
	}

	public Map<String, QueueProperties> getQueues() {
		return this.queues;
	}

	public Map<String, TaskProperties> getTasks() {
		return this.tasks;
	}

	public Map<String, ScheduleProperties> getSchedules() {
		return this.schedules;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public Publish getPublish() {
		return this.publish;
	}

	public Message getMessage() {
		return this.message;
	}

	public Results getResults() {
		return this.results;
	}

	public Rabbit getRabbit() {
		return this.rabbit;
	}

	public Redis getRedis() {
		return this.redis;
	}

	public ExactlyOnceProperties.Idempotency getIdempotency() {
		return this.idempotency;
	}

	public ExactlyOnceProperties.Locks getLocks() {
		return this.locks;
	}

	public ExactlyOnceProperties.Unique getUnique() {
		return this.unique;
	}

	public Actuate getActuate() {
		return this.actuate;
	}

	/**
	 * What this instance consumes.
	 */
	public static class Worker {

		/**
		 * Job queues this instance consumes. Empty makes the instance a producer only.
		 */
		private List<String> queues = new ArrayList<>();

		/**
		 * How long jobs in flight may run on shutdown before they are left unacknowledged for
		 * redelivery.
		 */
		private Duration shutdownTimeout = Duration.ofSeconds(30);

		/**
		 * Pause between tries to make a finished job's outcome durable (its record stored, its
		 * retry copy or dead letter confirmed) while Redis or the broker refuses it. The delivery
		 * is held meanwhile and the task does not run again.
		 */
		private Duration settleRetryPause = Duration.ofSeconds(1);

		/**
		 * Time limit of tasks that declare none (@BackgroundTask(timeout) or
		 * jobs.tasks.<name>.timeout): well under RabbitMQ's default consumer_timeout of 30
		 * minutes, past which the broker closes the channel and runs the job a second time
		 * elsewhere. 0 for no limit.
		 */
		private Duration defaultTimeout = Duration.ofMinutes(25);

		/**
		 * How long after its time limit a job that ignores the interrupt is abandoned: its
		 * attempt fails (and is retried or dead-lettered), its worker slot goes to a new thread,
		 * and its thread counts as stuck (jobs.worker.stuck) until it returns.
		 */
		private Duration hardTimeoutGrace = Duration.ofSeconds(30);

		/**
		 * How many stuck threads (jobs abandoned at their hard time limit that never returned)
		 * the instance tolerates before its health goes DOWN, so that the orchestrator replaces
		 * it: the JVM's answer to Celery's --max-tasks-per-child.
		 */
		private int maxStuck = 3;

		/**
		 * How many runs of a job may be cut short (its worker died, hung or lost its connection
		 * while the job ran, and never settled it) before the job is dead-lettered as
		 * CRASH_LIMIT instead of being run again: the end of a poison job. Counted in Redis for
		 * redelivered jobs only, so a job that kills every worker runs this many times plus one.
		 * 0 leaves poison jobs to the queue's delivery limit.
		 */
		private int crashLimit = 3;

		public Duration getDefaultTimeout() {
			return this.defaultTimeout;
		}

		public void setDefaultTimeout(Duration defaultTimeout) {
			this.defaultTimeout = defaultTimeout;
		}

		public Duration getHardTimeoutGrace() {
			return this.hardTimeoutGrace;
		}

		public void setHardTimeoutGrace(Duration hardTimeoutGrace) {
			this.hardTimeoutGrace = hardTimeoutGrace;
		}

		public int getCrashLimit() {
			return this.crashLimit;
		}

		public void setCrashLimit(int crashLimit) {
			this.crashLimit = crashLimit;
		}

		public int getMaxStuck() {
			return this.maxStuck;
		}

		public void setMaxStuck(int maxStuck) {
			this.maxStuck = maxStuck;
		}

		public List<String> getQueues() {
			return this.queues;
		}

		public void setQueues(List<String> queues) {
			this.queues = queues;
		}

		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
		}

		public Duration getSettleRetryPause() {
			return this.settleRetryPause;
		}

		public void setSettleRetryPause(Duration settleRetryPause) {
			this.settleRetryPause = settleRetryPause;
		}

	}

	/**
	 * One job queue.
	 */
	public static class QueueProperties {

		/**
		 * How many jobs of this queue an instance runs at once.
		 */
		private int concurrency = 8;

		/**
		 * How many unacknowledged jobs the broker may push ahead to each consumer. Defaults to
		 * twice the concurrency, at least 10.
		 */
		private Integer prefetch;

		/**
		 * RabbitMQ queue type. Changing it for an existing queue requires deleting the queue
		 * first.
		 */
		private QueueType type = QueueType.QUORUM;

		/**
		 * For quorum queues, how many times a message is delivered before the broker
		 * dead-letters it: a job whose worker keeps dying does not loop forever.
		 */
		private int deliveryLimit = 10;

		/**
		 * For classic queues, the highest message priority; 0 disables priorities.
		 */
		private int maxPriority = 0;

		/**
		 * How many jobs of this queue may start per period, across every instance (BullMQ's
		 * limiter): 10/s, 10/m, 100/5m. Unset for no limit.
		 */
		private String rateLimit;

		/**
		 * How many jobs of this queue may start at once after a quiet spell (at least 1).
		 */
		private int rateLimitBurst = 1;

		public String getRateLimit() {
			return this.rateLimit;
		}

		public void setRateLimit(String rateLimit) {
			this.rateLimit = rateLimit;
		}

		public int getRateLimitBurst() {
			return this.rateLimitBurst;
		}

		public void setRateLimitBurst(int rateLimitBurst) {
			this.rateLimitBurst = rateLimitBurst;
		}

		public int getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(int concurrency) {
			this.concurrency = concurrency;
		}

		public Integer getPrefetch() {
			return this.prefetch;
		}

		public void setPrefetch(Integer prefetch) {
			this.prefetch = prefetch;
		}

		public QueueType getType() {
			return this.type;
		}

		public void setType(QueueType type) {
			this.type = type;
		}

		public int getDeliveryLimit() {
			return this.deliveryLimit;
		}

		public void setDeliveryLimit(int deliveryLimit) {
			this.deliveryLimit = deliveryLimit;
		}

		public int getMaxPriority() {
			return this.maxPriority;
		}

		public void setMaxPriority(int maxPriority) {
			this.maxPriority = maxPriority;
		}

	}

	/**
	 * One task.
	 */
	public static class TaskProperties {

		/**
		 * Queue the task's jobs are published to, overriding the annotation.
		 */
		private String queue;

		/**
		 * Retry policy of the task, a name under jobs.retry.policies or "default", overriding
		 * the annotation.
		 */
		private String retry;

		/**
		 * How the task's jobs get their idempotency key, overriding the annotation: "args" (the
		 * canonical JSON of the arguments), "none", or a SpEL expression over the parameters
		 * such as "#orderId".
		 */
		private String idempotency;

		/**
		 * A SpEL expression over the parameters naming the lock the task's jobs must hold, such
		 * as "'sync:' + #userId", or "none"; overrides the annotation.
		 */
		private String lock;

		/**
		 * Lease of the task's lock, overriding the annotation and jobs.locks.timeout.
		 */
		private Duration lockTimeout;

		/**
		 * How long one run of the task may take before its thread is interrupted and the attempt
		 * fails with JobTimeoutException; overrides the annotation.
		 */
		private Duration timeout;

		/**
		 * How long after its start a run that ignores its timeout's interrupt is abandoned (its
		 * attempt fails, its slot goes to a new thread); longer than the timeout, which the task
		 * must have. Overrides the annotation; without either, the timeout plus
		 * jobs.worker.hard-timeout-grace.
		 */
		private Duration hardTimeout;

		/**
		 * What becomes of a job whose lock is held: skip or retry; overrides the annotation.
		 */
		private OnLocked onLocked;

		/**
		 * How many of the task's jobs may start per period, across every instance: 10/s, 10/m,
		 * 10/h or 100/5m; "none" for no limit. Overrides the annotation.
		 */
		private String rateLimit;

		/**
		 * How many jobs may start at once after a quiet spell, on top of the steady rate (at
		 * least 1).
		 */
		private Integer rateLimitBurst;

		/**
		 * Whose budget the rate is: global (one for every instance, in Redis) or worker (one
		 * per instance).
		 */
		private RateLimitScope rateLimitScope;

		/**
		 * A SpEL expression over the parameters giving each key its own budget, such as
		 * "#customerId". Overrides the annotation.
		 */
		private String rateLimitKey;

		/**
		 * How many of the task's jobs may run at once across every instance; 0 for no cap.
		 * Overrides the annotation.
		 */
		private Integer maxConcurrent;

		/**
		 * A SpEL expression over the parameters giving each key its own max-concurrent cap,
		 * such as "#customerId". Overrides the annotation.
		 */
		private String concurrencyKey;

		/**
		 * Whether Actuator shows each of the task's arguments as "***", keeping their count,
		 * whatever jobs.actuate.show-values says; the stored message is unchanged, so a replay
		 * runs with the real arguments. Overrides the annotation.
		 */
		private Boolean maskArgs;

		public Integer getMaxConcurrent() {
			return this.maxConcurrent;
		}

		public void setMaxConcurrent(Integer maxConcurrent) {
			this.maxConcurrent = maxConcurrent;
		}

		public String getConcurrencyKey() {
			return this.concurrencyKey;
		}

		public void setConcurrencyKey(String concurrencyKey) {
			this.concurrencyKey = concurrencyKey;
		}

		public Boolean getMaskArgs() {
			return this.maskArgs;
		}

		public void setMaskArgs(Boolean maskArgs) {
			this.maskArgs = maskArgs;
		}

		public String getRateLimit() {
			return this.rateLimit;
		}

		public void setRateLimit(String rateLimit) {
			this.rateLimit = rateLimit;
		}

		public Integer getRateLimitBurst() {
			return this.rateLimitBurst;
		}

		public void setRateLimitBurst(Integer rateLimitBurst) {
			this.rateLimitBurst = rateLimitBurst;
		}

		public RateLimitScope getRateLimitScope() {
			return this.rateLimitScope;
		}

		public void setRateLimitScope(RateLimitScope rateLimitScope) {
			this.rateLimitScope = rateLimitScope;
		}

		public String getRateLimitKey() {
			return this.rateLimitKey;
		}

		public void setRateLimitKey(String rateLimitKey) {
			this.rateLimitKey = rateLimitKey;
		}

		public String getIdempotency() {
			return this.idempotency;
		}

		public void setIdempotency(String idempotency) {
			this.idempotency = idempotency;
		}

		public String getLock() {
			return this.lock;
		}

		public void setLock(String lock) {
			this.lock = lock;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Duration getHardTimeout() {
			return this.hardTimeout;
		}

		public void setHardTimeout(Duration hardTimeout) {
			this.hardTimeout = hardTimeout;
		}

		public Duration getLockTimeout() {
			return this.lockTimeout;
		}

		public void setLockTimeout(Duration lockTimeout) {
			this.lockTimeout = lockTimeout;
		}

		public OnLocked getOnLocked() {
			return this.onLocked;
		}

		public void setOnLocked(OnLocked onLocked) {
			this.onLocked = onLocked;
		}

		public String getQueue() {
			return this.queue;
		}

		public void setQueue(String queue) {
			this.queue = queue;
		}

		public String getRetry() {
			return this.retry;
		}

		public void setRetry(String retry) {
			this.retry = retry;
		}

	}

	/**
	 * One schedule.
	 */
	public static class ScheduleProperties {

		/**
		 * Task the schedule enqueues: a @BackgroundTask of this application.
		 */
		private String task;

		/**
		 * Cron expression (Spring's six fields, second first, or a macro such as @daily or
		 * @hourly), read in the zone. Either this or every.
		 */
		private String cron;

		/**
		 * Time between slots, such as 5m, aligned to the Unix epoch so that every instance
		 * computes the same slots. Either this or cron.
		 */
		private Duration every;

		/**
		 * Zone the cron expression is read in.
		 */
		private String zone = "UTC";

		/**
		 * Arguments of each job, bound to the task's parameter types at start-up.
		 */
		private List<Object> args = new ArrayList<>();

		/**
		 * Queue the jobs go to, instead of the task's own.
		 */
		private String queue;

		/**
		 * How long after its slot a job may still start; later, it is dropped as EXPIRED
		 * instead of running late. None by default.
		 */
		private Duration expires;

		/**
		 * How late, beyond 5 seconds, a slot may still fire after every instance was down or
		 * Redis was unreachable. Older slots are counted as missed, never replayed.
		 */
		private Duration misfireGrace = Duration.ZERO;

		/**
		 * How many of the schedule's jobs may be pending or running at once; a slot that
		 * finds that many still in flight is skipped and counted.
		 */
		private int maxInstances = 1;

		/**
		 * Whether the schedule fires.
		 */
		private boolean enabled = true;

		public String getTask() {
			return this.task;
		}

		public void setTask(String task) {
			this.task = task;
		}

		public String getCron() {
			return this.cron;
		}

		public void setCron(String cron) {
			this.cron = cron;
		}

		public Duration getEvery() {
			return this.every;
		}

		public void setEvery(Duration every) {
			this.every = every;
		}

		public String getZone() {
			return this.zone;
		}

		public void setZone(String zone) {
			this.zone = zone;
		}

		public List<Object> getArgs() {
			return this.args;
		}

		public void setArgs(List<Object> args) {
			this.args = args;
		}

		public String getQueue() {
			return this.queue;
		}

		public void setQueue(String queue) {
			this.queue = queue;
		}

		public Duration getExpires() {
			return this.expires;
		}

		public void setExpires(Duration expires) {
			this.expires = expires;
		}

		public Duration getMisfireGrace() {
			return this.misfireGrace;
		}

		public void setMisfireGrace(Duration misfireGrace) {
			this.misfireGrace = misfireGrace;
		}

		public int getMaxInstances() {
			return this.maxInstances;
		}

		public void setMaxInstances(int maxInstances) {
			this.maxInstances = maxInstances;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Retry policies.
	 */
	public static class Retry {

		/**
		 * Policy of tasks that name none, and the base every named policy inherits unset
		 * values from.
		 */
		private final RetryPolicyProperties defaultPolicy = RetryPolicyProperties.defaults();

		/**
		 * Named retry policies, chosen per task with @BackgroundTask(retry = "name") or
		 * jobs.tasks.<task>.retry.
		 */
		private final Map<String, RetryPolicyProperties> policies = new LinkedHashMap<>();

		public RetryPolicyProperties getDefault() {
			return this.defaultPolicy;
		}

		public Map<String, RetryPolicyProperties> getPolicies() {
			return this.policies;
		}

	}

	/**
	 * One retry policy. Unset values of a named policy come from jobs.retry.default.
	 */
	public static class RetryPolicyProperties {

		/**
		 * How many attempts in all, the first included; 1 disables retries. Defaults to one
		 * more than the number of delays when delays are given, else to 5.
		 */
		private Integer maxAttempts;

		/**
		 * Wait before the first retry.
		 */
		private Duration initialDelay;

		/**
		 * Factor each further wait grows by.
		 */
		private Double multiplier;

		/**
		 * Longest wait between attempts.
		 */
		private Duration maxDelay;

		/**
		 * Whether each exponential wait is drawn at random between zero and its computed value,
		 * so that jobs that failed together do not retry together. Explicit delays are kept as
		 * written.
		 */
		private Boolean jitter;

		/**
		 * Explicit waits, one per retry, the last repeated; replaces the exponential backoff.
		 */
		private List<Duration> delays = new ArrayList<>();

		/**
		 * Exception classes worth retrying, with their subclasses, also when found as a cause.
		 * Empty retries every exception not in no-retry-on.
		 */
		private List<String> retryOn = new ArrayList<>();

		/**
		 * Exception classes never retried, with their subclasses, also when found as a cause.
		 */
		private List<String> noRetryOn = new ArrayList<>();

		static RetryPolicyProperties defaults() {
			RetryPolicyProperties defaults = new RetryPolicyProperties();
			defaults.setInitialDelay(Duration.ofSeconds(1));
			defaults.setMultiplier(2.0);
			defaults.setMaxDelay(Duration.ofMinutes(10));
			defaults.setJitter(true);
			return defaults;
		}

		public Integer getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(Integer maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialDelay() {
			return this.initialDelay;
		}

		public void setInitialDelay(Duration initialDelay) {
			this.initialDelay = initialDelay;
		}

		public Double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(Double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

		public Boolean getJitter() {
			return this.jitter;
		}

		public void setJitter(Boolean jitter) {
			this.jitter = jitter;
		}

		public List<Duration> getDelays() {
			return this.delays;
		}

		public void setDelays(List<Duration> delays) {
			this.delays = delays;
		}

		public List<String> getRetryOn() {
			return this.retryOn;
		}

		public void setRetryOn(List<String> retryOn) {
			this.retryOn = retryOn;
		}

		public List<String> getNoRetryOn() {
			return this.noRetryOn;
		}

		public void setNoRetryOn(List<String> noRetryOn) {
			this.noRetryOn = noRetryOn;
		}

	}

	/**
	 * Job messages.
	 */
	public static class Message {

		/**
		 * Largest job message body. A larger job fails its enqueue with JobArgumentsException
		 * before it is published; a larger message that reaches a worker is dead-lettered unread
		 * as MALFORMED.
		 */
		private DataSize maxSize = DataSize.ofMegabytes(1);

		public DataSize getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(DataSize maxSize) {
			this.maxSize = maxSize;
		}

	}

	/**
	 * How enqueues are published.
	 */
	public static class Publish {

		/**
		 * How long an enqueue waits for RabbitMQ to confirm a job before it throws
		 * JobsUnavailableException.
		 */
		private Duration confirmTimeout = Duration.ofSeconds(10);

		/**
		 * Whether an enqueue inside a Spring transaction is published after the commit (and
		 * not at all on rollback), so no worker sees a job for data that is not yet visible.
		 */
		private boolean transactional = true;

		public Duration getConfirmTimeout() {
			return this.confirmTimeout;
		}

		public void setConfirmTimeout(Duration confirmTimeout) {
			this.confirmTimeout = confirmTimeout;
		}

		public boolean isTransactional() {
			return this.transactional;
		}

		public void setTransactional(boolean transactional) {
			this.transactional = transactional;
		}

	}

	/**
	 * Result records.
	 */
	public static class Results {

		/**
		 * How long a job's result record is kept in Redis after it was last written.
		 */
		private Duration ttl = Duration.ofHours(24);

		/**
		 * How long a job must have been running before its STARTED record is written. Jobs
		 * that finish sooner go from PENDING straight to their final record, with no Redis
		 * write for STARTED. 0 writes STARTED as each job starts (one more Redis call per job).
		 */
		private Duration startedAfter = Duration.ofMillis(200);

		public Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(Duration ttl) {
			this.ttl = ttl;
		}

		public Duration getStartedAfter() {
			return this.startedAfter;
		}

		public void setStartedAfter(Duration startedAfter) {
			this.startedAfter = startedAfter;
		}

	}

	/**
	 * RabbitMQ exchanges and queues.
	 */
	public static class Rabbit {

		/**
		 * First word of the name of every exchange and queue the starter declares (the jobs
		 * exchange, the job queues, the delay levels and the dead-letter queue), so several
		 * applications can share one virtual host.
		 */
		private String prefix = "jobs";

		/**
		 * Queue type of the delay levels that hold countdowns, ETAs and retry backoff. Quorum
		 * levels (RabbitMQ 3.10 or later) are replicated and hand each job on at least once;
		 * classic levels live on one node and hand jobs on at most once. The two types use
		 * different queue names, so switching leaves the old levels to drain.
		 */
		private QueueType delayQueueType = QueueType.QUORUM;

		/**
		 * The broker's consumer_timeout (rabbitmq.conf; 30 minutes by default), which the
		 * management API does not report: RabbitMQ closes the channel of a delivery held longer
		 * and runs the job again elsewhere. Before RabbitMQ 3.12, a worker checks at start-up
		 * that every task's hard time limit is under it; from 3.12, each consumer declares a
		 * timeout of its own instead.
		 */
		private Duration consumerTimeout = Duration.ofMinutes(30);

		/**
		 * What a worker does at start-up when a task's hard time limit is not under the
		 * broker's consumer timeout (or a task has no limit): fail, warn, or off.
		 */
		private ConsumerTimeoutCheck consumerTimeoutCheck = ConsumerTimeoutCheck.FAIL;

		public Duration getConsumerTimeout() {
			return this.consumerTimeout;
		}

		public void setConsumerTimeout(Duration consumerTimeout) {
			this.consumerTimeout = consumerTimeout;
		}

		public ConsumerTimeoutCheck getConsumerTimeoutCheck() {
			return this.consumerTimeoutCheck;
		}

		public void setConsumerTimeoutCheck(ConsumerTimeoutCheck consumerTimeoutCheck) {
			this.consumerTimeoutCheck = consumerTimeoutCheck;
		}

		public String getPrefix() {
			return this.prefix;
		}

		public void setPrefix(String prefix) {
			this.prefix = prefix;
		}

		public QueueType getDelayQueueType() {
			return this.delayQueueType;
		}

		public void setDelayQueueType(QueueType delayQueueType) {
			this.delayQueueType = delayQueueType;
		}

	}

	/**
	 * Redis keys.
	 */
	public static class Redis {

		/**
		 * Prefix of every key and channel the starter uses, so several applications can share
		 * one Redis.
		 */
		private String keyPrefix = "jobs:";

		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

	}

	/**
	 * Operating jobs: the Actuator endpoint, health and metrics.
	 */
	public static class Actuate {

		/**
		 * When to show job arguments in the jobs endpoint's dead-letter entries. Arguments
		 * often carry personal data.
		 */
		private ShowValues showValues = ShowValues.NEVER;

		/**
		 * Roles used to determine whether a user is authorized to be shown job arguments. When
		 * empty, all authenticated users are authorized.
		 */
		private Set<String> roles = new LinkedHashSet<>();

		/**
		 * Roles of which a caller must have one to replay or purge dead letters or cancel jobs
		 * through the jobs endpoint; others get 403. Triggering and pausing schedules and queues
		 * are not covered. When empty, writes are left to the endpoint's access rules.
		 */
		private Set<String> writeRoles = new LinkedHashSet<>();

		/**
		 * How long queue depths read for the metrics gauges are reused before RabbitMQ is asked
		 * again.
		 */
		private Duration depthCacheTtl = Duration.ofSeconds(5);

		/**
		 * How long the jobs health check waits for RabbitMQ and Redis to answer before it
		 * reports the one that did not as down. Longer than the management API timeout, so
		 * that queue numbers can still be read over AMQP when the management API is slow.
		 */
		private Duration healthTimeout = Duration.ofSeconds(5);

		private final Management management = new Management();

		public ShowValues getShowValues() {
			return this.showValues;
		}

		public void setShowValues(ShowValues showValues) {
			this.showValues = showValues;
		}

		public Set<String> getWriteRoles() {
			return this.writeRoles;
		}

		public void setWriteRoles(Set<String> writeRoles) {
			this.writeRoles = writeRoles;
		}

		public Set<String> getRoles() {
			return this.roles;
		}

		public void setRoles(Set<String> roles) {
			this.roles = roles;
		}

		public Duration getDepthCacheTtl() {
			return this.depthCacheTtl;
		}

		public void setDepthCacheTtl(Duration depthCacheTtl) {
			this.depthCacheTtl = depthCacheTtl;
		}

		public Duration getHealthTimeout() {
			return this.healthTimeout;
		}

		public void setHealthTimeout(Duration healthTimeout) {
			this.healthTimeout = healthTimeout;
		}

		public Management getManagement() {
			return this.management;
		}

		/**
		 * When values are shown.
		 */
		public enum ShowValues {

			/**
			 * Never show values.
			 */
			NEVER,

			/**
			 * Show values to authorized users.
			 */
			WHEN_AUTHORIZED,

			/**
			 * Always show values.
			 */
			ALWAYS

		}

		/**
		 * RabbitMQ's management HTTP API, the only source of unacknowledged counts. Without it,
		 * queue numbers are read over AMQP.
		 */
		public static class Management {

			/**
			 * Base URL of the RabbitMQ management API. Defaults to port 15672 of the broker
			 * host the jobs connection is connected to.
			 */
			private URI url;

			/**
			 * Login user of the management API. Defaults to the user of the jobs connection.
			 */
			private String username;

			/**
			 * Login password of the management API. Defaults to the password of the jobs
			 * connection.
			 */
			private String password;

			/**
			 * How long a call to the management API may take before queue numbers are read over
			 * AMQP instead.
			 */
			private Duration timeout = Duration.ofSeconds(3);

			public URI getUrl() {
				return this.url;
			}

			public void setUrl(URI url) {
				this.url = url;
			}

			public String getUsername() {
				return this.username;
			}

			public void setUsername(String username) {
				this.username = username;
			}

			public String getPassword() {
				return this.password;
			}

			public void setPassword(String password) {
				this.password = password;
			}

			public Duration getTimeout() {
				return this.timeout;
			}

			public void setTimeout(Duration timeout) {
				this.timeout = timeout;
			}

		}

	}

}
