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

	private final Versions versions = new Versions();

	private final Results results = new Results();

	private final Rabbit rabbit = new Rabbit();

	private final Redis redis = new Redis();

	private final Actuate actuate = new Actuate();

	@NestedConfigurationProperty
	private final DashboardProperties dashboard = new DashboardProperties();

	@NestedConfigurationProperty
	private final InstancesProperties instances = new InstancesProperties();

	@NestedConfigurationProperty
	private final ExactlyOnceProperties.Idempotency idempotency = new ExactlyOnceProperties.Idempotency();

	@NestedConfigurationProperty
	private final ExactlyOnceProperties.Locks locks = new ExactlyOnceProperties.Locks();

	@NestedConfigurationProperty
	private final ExactlyOnceProperties.Unique unique = new ExactlyOnceProperties.Unique();

	/** @return queue for tasks that name none */
	public String getDefaultQueue() {
		return this.defaultQueue;
	}

	/** @param defaultQueue queue for tasks that name none */
	public void setDefaultQueue(String defaultQueue) {
		this.defaultQueue = defaultQueue;
	}

	/** @return the worker settings */
	public Worker getWorker() {
		return this.worker;
	}

	/** @return job queues by name */
	public Map<String, QueueProperties> getQueues() {
		return this.queues;
	}

	/** @return per-task settings by task name, overriding the task's annotation */
	public Map<String, TaskProperties> getTasks() {
		return this.tasks;
	}

	/** @return cron and fixed-rate schedules by name */
	public Map<String, ScheduleProperties> getSchedules() {
		return this.schedules;
	}

	/** @return the retry settings */
	public Retry getRetry() {
		return this.retry;
	}

	/** @return the publish settings */
	public Publish getPublish() {
		return this.publish;
	}

	/** @return the message settings */
	public Message getMessage() {
		return this.message;
	}

	/** @return the settings for jobs written for other versions of a task's signature */
	public Versions getVersions() {
		return this.versions;
	}

	/** @return the results settings */
	public Results getResults() {
		return this.results;
	}

	/** @return the RabbitMQ settings */
	public Rabbit getRabbit() {
		return this.rabbit;
	}

	/** @return the Redis settings */
	public Redis getRedis() {
		return this.redis;
	}

	/** @return the idempotency settings */
	public ExactlyOnceProperties.Idempotency getIdempotency() {
		return this.idempotency;
	}

	/** @return the locks settings */
	public ExactlyOnceProperties.Locks getLocks() {
		return this.locks;
	}

	/** @return the unique settings */
	public ExactlyOnceProperties.Unique getUnique() {
		return this.unique;
	}

	/** @return the actuate settings */
	public Actuate getActuate() {
		return this.actuate;
	}

	/** @return the dashboard settings */
	public DashboardProperties getDashboard() {
		return this.dashboard;
	}

	/** @return how instances report themselves */
	public InstancesProperties getInstances() {
		return this.instances;
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

		/** @return time limit of tasks that declare none */
		public Duration getDefaultTimeout() {
			return this.defaultTimeout;
		}

		/** @param defaultTimeout time limit of tasks that declare none */
		public void setDefaultTimeout(Duration defaultTimeout) {
			this.defaultTimeout = defaultTimeout;
		}

		/** @return how long after its time limit a job that ignores the interrupt is abandoned */
		public Duration getHardTimeoutGrace() {
			return this.hardTimeoutGrace;
		}

		/**
		 * @param hardTimeoutGrace how long after its time limit a job that ignores the interrupt is
		 * abandoned
		 */
		public void setHardTimeoutGrace(Duration hardTimeoutGrace) {
			this.hardTimeoutGrace = hardTimeoutGrace;
		}

		/** @return how many runs of a job may be cut short */
		public int getCrashLimit() {
			return this.crashLimit;
		}

		/** @param crashLimit how many runs of a job may be cut short */
		public void setCrashLimit(int crashLimit) {
			this.crashLimit = crashLimit;
		}

		/** @return how many stuck threads */
		public int getMaxStuck() {
			return this.maxStuck;
		}

		/** @param maxStuck how many stuck threads */
		public void setMaxStuck(int maxStuck) {
			this.maxStuck = maxStuck;
		}

		/** @return job queues this instance consumes */
		public List<String> getQueues() {
			return this.queues;
		}

		/** @param queues job queues this instance consumes */
		public void setQueues(List<String> queues) {
			this.queues = queues;
		}

		/**
		 * @return how long jobs in flight may run on shutdown before they are left unacknowledged
		 * for redelivery
		 */
		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		/**
		 * @param shutdownTimeout how long jobs in flight may run on shutdown before they are left
		 * unacknowledged for redelivery
		 */
		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
		}

		/** @return pause between tries to make a finished job's outcome durable */
		public Duration getSettleRetryPause() {
			return this.settleRetryPause;
		}

		/** @param settleRetryPause pause between tries to make a finished job's outcome durable */
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

		/** @return how many jobs of this queue may start per period, across every instance */
		public String getRateLimit() {
			return this.rateLimit;
		}

		/**
		 * @param rateLimit how many jobs of this queue may start per period, across every instance
		 */
		public void setRateLimit(String rateLimit) {
			this.rateLimit = rateLimit;
		}

		/** @return how many jobs of this queue may start at once after a quiet spell */
		public int getRateLimitBurst() {
			return this.rateLimitBurst;
		}

		/**
		 * @param rateLimitBurst how many jobs of this queue may start at once after a quiet spell
		 */
		public void setRateLimitBurst(int rateLimitBurst) {
			this.rateLimitBurst = rateLimitBurst;
		}

		/** @return how many jobs of this queue an instance runs at once */
		public int getConcurrency() {
			return this.concurrency;
		}

		/** @param concurrency how many jobs of this queue an instance runs at once */
		public void setConcurrency(int concurrency) {
			this.concurrency = concurrency;
		}

		/** @return how many unacknowledged jobs the broker may push ahead to each consumer */
		public Integer getPrefetch() {
			return this.prefetch;
		}

		/**
		 * @param prefetch how many unacknowledged jobs the broker may push ahead to each consumer
		 */
		public void setPrefetch(Integer prefetch) {
			this.prefetch = prefetch;
		}

		/** @return RabbitMQ queue type */
		public QueueType getType() {
			return this.type;
		}

		/** @param type RabbitMQ queue type */
		public void setType(QueueType type) {
			this.type = type;
		}

		/**
		 * @return for quorum queues, how many times a message is delivered before the broker
		 * dead-letters it
		 */
		public int getDeliveryLimit() {
			return this.deliveryLimit;
		}

		/**
		 * @param deliveryLimit for quorum queues, how many times a message is delivered before the
		 * broker dead-letters it
		 */
		public void setDeliveryLimit(int deliveryLimit) {
			this.deliveryLimit = deliveryLimit;
		}

		/** @return for classic queues, the highest message priority */
		public int getMaxPriority() {
			return this.maxPriority;
		}

		/** @param maxPriority for classic queues, the highest message priority */
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

		/**
		 * Failure circuit breaker of the task, shared by every instance through Redis; none
		 * unless set.
		 */
		@NestedConfigurationProperty
		private CircuitBreakerProperties circuitBreaker;

		/** @return how many of the task's jobs may run at once across every instance */
		public Integer getMaxConcurrent() {
			return this.maxConcurrent;
		}

		/**
		 * @param maxConcurrent how many of the task's jobs may run at once across every instance
		 */
		public void setMaxConcurrent(Integer maxConcurrent) {
			this.maxConcurrent = maxConcurrent;
		}

		/**
		 * @return a SpEL expression over the parameters giving each key its own max-concurrent cap,
		 * such as "#customerId"
		 */
		public String getConcurrencyKey() {
			return this.concurrencyKey;
		}

		/**
		 * @param concurrencyKey a SpEL expression over the parameters giving each key its own
		 * max-concurrent cap, such as "#customerId"
		 */
		public void setConcurrencyKey(String concurrencyKey) {
			this.concurrencyKey = concurrencyKey;
		}

		/**
		 * @return whether Actuator shows each of the task's arguments as "***", keeping their
		 * count, whatever jobs.actuate.show-values says
		 */
		public Boolean getMaskArgs() {
			return this.maskArgs;
		}

		/**
		 * @param maskArgs whether Actuator shows each of the task's arguments as "***", keeping
		 * their count, whatever jobs.actuate.show-values says
		 */
		public void setMaskArgs(Boolean maskArgs) {
			this.maskArgs = maskArgs;
		}

		/** @return the task's failure circuit breaker, or {@code null} for none */
		public CircuitBreakerProperties getCircuitBreaker() {
			return this.circuitBreaker;
		}

		/** @param circuitBreaker the task's failure circuit breaker */
		public void setCircuitBreaker(CircuitBreakerProperties circuitBreaker) {
			this.circuitBreaker = circuitBreaker;
		}

		/** @return how many of the task's jobs may start per period, across every instance */
		public String getRateLimit() {
			return this.rateLimit;
		}

		/**
		 * @param rateLimit how many of the task's jobs may start per period, across every instance
		 */
		public void setRateLimit(String rateLimit) {
			this.rateLimit = rateLimit;
		}

		/**
		 * @return how many jobs may start at once after a quiet spell, on top of the steady rate
		 */
		public Integer getRateLimitBurst() {
			return this.rateLimitBurst;
		}

		/**
		 * @param rateLimitBurst how many jobs may start at once after a quiet spell, on top of the
		 * steady rate
		 */
		public void setRateLimitBurst(Integer rateLimitBurst) {
			this.rateLimitBurst = rateLimitBurst;
		}

		/** @return whose budget the rate is */
		public RateLimitScope getRateLimitScope() {
			return this.rateLimitScope;
		}

		/** @param rateLimitScope whose budget the rate is */
		public void setRateLimitScope(RateLimitScope rateLimitScope) {
			this.rateLimitScope = rateLimitScope;
		}

		/**
		 * @return a SpEL expression over the parameters giving each key its own budget, such as
		 * "#customerId"
		 */
		public String getRateLimitKey() {
			return this.rateLimitKey;
		}

		/**
		 * @param rateLimitKey a SpEL expression over the parameters giving each key its own budget,
		 * such as "#customerId"
		 */
		public void setRateLimitKey(String rateLimitKey) {
			this.rateLimitKey = rateLimitKey;
		}

		/** @return how the task's jobs get their idempotency key, overriding the annotation */
		public String getIdempotency() {
			return this.idempotency;
		}

		/**
		 * @param idempotency how the task's jobs get their idempotency key, overriding the
		 * annotation
		 */
		public void setIdempotency(String idempotency) {
			this.idempotency = idempotency;
		}

		/**
		 * @return a SpEL expression over the parameters naming the lock the task's jobs must hold,
		 * such as "'sync:' + #userId"
		 */
		public String getLock() {
			return this.lock;
		}

		/**
		 * @param lock a SpEL expression over the parameters naming the lock the task's jobs must
		 * hold, such as "'sync:' + #userId"
		 */
		public void setLock(String lock) {
			this.lock = lock;
		}

		/**
		 * @return how long one run of the task may take before its thread is interrupted and the
		 * attempt fails with JobTimeoutException
		 */
		public Duration getTimeout() {
			return this.timeout;
		}

		/**
		 * @param timeout how long one run of the task may take before its thread is interrupted and
		 * the attempt fails with JobTimeoutException
		 */
		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		/**
		 * @return how long after its start a run that ignores its timeout's interrupt is abandoned
		 */
		public Duration getHardTimeout() {
			return this.hardTimeout;
		}

		/**
		 * @param hardTimeout how long after its start a run that ignores its timeout's interrupt is
		 * abandoned
		 */
		public void setHardTimeout(Duration hardTimeout) {
			this.hardTimeout = hardTimeout;
		}

		/** @return lease of the task's lock, overriding the annotation and jobs.locks.timeout */
		public Duration getLockTimeout() {
			return this.lockTimeout;
		}

		/**
		 * @param lockTimeout lease of the task's lock, overriding the annotation and
		 * jobs.locks.timeout
		 */
		public void setLockTimeout(Duration lockTimeout) {
			this.lockTimeout = lockTimeout;
		}

		/** @return what becomes of a job whose lock is held */
		public OnLocked getOnLocked() {
			return this.onLocked;
		}

		/** @param onLocked what becomes of a job whose lock is held */
		public void setOnLocked(OnLocked onLocked) {
			this.onLocked = onLocked;
		}

		/** @return queue the task's jobs are published to, overriding the annotation */
		public String getQueue() {
			return this.queue;
		}

		/** @param queue queue the task's jobs are published to, overriding the annotation */
		public void setQueue(String queue) {
			this.queue = queue;
		}

		/**
		 * @return retry policy of the task, a name under jobs.retry.policies or "default",
		 * overriding the annotation
		 */
		public String getRetry() {
			return this.retry;
		}

		/**
		 * @param retry retry policy of the task, a name under jobs.retry.policies or "default",
		 * overriding the annotation
		 */
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

		/** @return task the schedule enqueues */
		public String getTask() {
			return this.task;
		}

		/** @param task task the schedule enqueues */
		public void setTask(String task) {
			this.task = task;
		}

		/** @return cron expression, read in the zone */
		public String getCron() {
			return this.cron;
		}

		/** @param cron cron expression, read in the zone */
		public void setCron(String cron) {
			this.cron = cron;
		}

		/**
		 * @return time between slots, such as 5m, aligned to the Unix epoch so that every instance
		 * computes the same slots
		 */
		public Duration getEvery() {
			return this.every;
		}

		/**
		 * @param every time between slots, such as 5m, aligned to the Unix epoch so that every
		 * instance computes the same slots
		 */
		public void setEvery(Duration every) {
			this.every = every;
		}

		/** @return zone the cron expression is read in */
		public String getZone() {
			return this.zone;
		}

		/** @param zone zone the cron expression is read in */
		public void setZone(String zone) {
			this.zone = zone;
		}

		/** @return arguments of each job, bound to the task's parameter types at start-up */
		public List<Object> getArgs() {
			return this.args;
		}

		/** @param args arguments of each job, bound to the task's parameter types at start-up */
		public void setArgs(List<Object> args) {
			this.args = args;
		}

		/** @return queue the jobs go to, instead of the task's own */
		public String getQueue() {
			return this.queue;
		}

		/** @param queue queue the jobs go to, instead of the task's own */
		public void setQueue(String queue) {
			this.queue = queue;
		}

		/** @return how long after its slot a job may still start */
		public Duration getExpires() {
			return this.expires;
		}

		/** @param expires how long after its slot a job may still start */
		public void setExpires(Duration expires) {
			this.expires = expires;
		}

		/**
		 * @return how late, beyond 5 seconds, a slot may still fire after every instance was down
		 * or Redis was unreachable
		 */
		public Duration getMisfireGrace() {
			return this.misfireGrace;
		}

		/**
		 * @param misfireGrace how late, beyond 5 seconds, a slot may still fire after every
		 * instance was down or Redis was unreachable
		 */
		public void setMisfireGrace(Duration misfireGrace) {
			this.misfireGrace = misfireGrace;
		}

		/** @return how many of the schedule's jobs may be pending or running at once */
		public int getMaxInstances() {
			return this.maxInstances;
		}

		/** @param maxInstances how many of the schedule's jobs may be pending or running at once */
		public void setMaxInstances(int maxInstances) {
			this.maxInstances = maxInstances;
		}

		/** @return whether the schedule fires */
		public boolean isEnabled() {
			return this.enabled;
		}

		/** @param enabled whether the schedule fires */
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

		/** @return the policy of tasks that name none */
		public RetryPolicyProperties getDefault() {
			return this.defaultPolicy;
		}

		/**
		 * @return named retry policies, chosen per task with &#64;BackgroundTask(retry = "name") or
		 * jobs.tasks.&lt;task&gt;.retry
		 */
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

		/** @return how many attempts in all, the first included */
		public Integer getMaxAttempts() {
			return this.maxAttempts;
		}

		/** @param maxAttempts how many attempts in all, the first included */
		public void setMaxAttempts(Integer maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		/** @return wait before the first retry */
		public Duration getInitialDelay() {
			return this.initialDelay;
		}

		/** @param initialDelay wait before the first retry */
		public void setInitialDelay(Duration initialDelay) {
			this.initialDelay = initialDelay;
		}

		/** @return factor each further wait grows by */
		public Double getMultiplier() {
			return this.multiplier;
		}

		/** @param multiplier factor each further wait grows by */
		public void setMultiplier(Double multiplier) {
			this.multiplier = multiplier;
		}

		/** @return longest wait between attempts */
		public Duration getMaxDelay() {
			return this.maxDelay;
		}

		/** @param maxDelay longest wait between attempts */
		public void setMaxDelay(Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

		/**
		 * @return whether each exponential wait is drawn at random between zero and its computed
		 * value, so that jobs that failed together do not retry together
		 */
		public Boolean getJitter() {
			return this.jitter;
		}

		/**
		 * @param jitter whether each exponential wait is drawn at random between zero and its
		 * computed value, so that jobs that failed together do not retry together
		 */
		public void setJitter(Boolean jitter) {
			this.jitter = jitter;
		}

		/** @return explicit waits, one per retry, the last repeated */
		public List<Duration> getDelays() {
			return this.delays;
		}

		/** @param delays explicit waits, one per retry, the last repeated */
		public void setDelays(List<Duration> delays) {
			this.delays = delays;
		}

		/**
		 * @return exception classes worth retrying, with their subclasses, also when found as a
		 * cause
		 */
		public List<String> getRetryOn() {
			return this.retryOn;
		}

		/**
		 * @param retryOn exception classes worth retrying, with their subclasses, also when found
		 * as a cause
		 */
		public void setRetryOn(List<String> retryOn) {
			this.retryOn = retryOn;
		}

		/**
		 * @return exception classes never retried, with their subclasses, also when found as a
		 * cause
		 */
		public List<String> getNoRetryOn() {
			return this.noRetryOn;
		}

		/**
		 * @param noRetryOn exception classes never retried, with their subclasses, also when found
		 * as a cause
		 */
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

		/** @return largest job message body */
		public DataSize getMaxSize() {
			return this.maxSize;
		}

		/** @param maxSize largest job message body */
		public void setMaxSize(DataSize maxSize) {
			this.maxSize = maxSize;
		}

	}

	/**
	 * A task's failure circuit breaker: while it is open, the task's jobs are put off without
	 * spending attempts.
	 */
	public static class CircuitBreakerProperties {

		/**
		 * Share of failed attempts over the sliding window, in percent, at which the breaker
		 * opens.
		 */
		private int failureRateThreshold = 50;

		/**
		 * How many of the task's latest attempts, on every instance, the failure rate is taken
		 * over.
		 */
		private int slidingWindow = 20;

		/**
		 * How many attempts the window must hold before the failure rate can open the breaker.
		 */
		private int minimumAttempts = 10;

		/**
		 * How long the breaker stays open before probe jobs may run.
		 */
		private Duration openDuration = Duration.ofSeconds(30);

		/**
		 * How many probe jobs run while the breaker is half-open; all must succeed to close it,
		 * and one failure opens it again.
		 */
		private int halfOpenProbes = 3;

		/** @return the failure rate in percent at which the breaker opens */
		public int getFailureRateThreshold() {
			return this.failureRateThreshold;
		}

		/** @param failureRateThreshold the failure rate in percent at which the breaker opens */
		public void setFailureRateThreshold(int failureRateThreshold) {
			this.failureRateThreshold = failureRateThreshold;
		}

		/** @return how many latest attempts the failure rate is taken over */
		public int getSlidingWindow() {
			return this.slidingWindow;
		}

		/** @param slidingWindow how many latest attempts the failure rate is taken over */
		public void setSlidingWindow(int slidingWindow) {
			this.slidingWindow = slidingWindow;
		}

		/** @return how many attempts the window must hold before the rate counts */
		public int getMinimumAttempts() {
			return this.minimumAttempts;
		}

		/** @param minimumAttempts how many attempts the window must hold before the rate counts */
		public void setMinimumAttempts(int minimumAttempts) {
			this.minimumAttempts = minimumAttempts;
		}

		/** @return how long the breaker stays open before probes may run */
		public Duration getOpenDuration() {
			return this.openDuration;
		}

		/** @param openDuration how long the breaker stays open before probes may run */
		public void setOpenDuration(Duration openDuration) {
			this.openDuration = openDuration;
		}

		/** @return how many probe jobs run while the breaker is half-open */
		public int getHalfOpenProbes() {
			return this.halfOpenProbes;
		}

		/** @param halfOpenProbes how many probe jobs run while the breaker is half-open */
		public void setHalfOpenProbes(int halfOpenProbes) {
			this.halfOpenProbes = halfOpenProbes;
		}

	}

	/**
	 * Jobs written for other versions of a task's signature (@BackgroundTask(version)).
	 */
	public static class Versions {

		/**
		 * How many versions below a task's current one must still upcast to it: start-up fails
		 * unless a TaskUpcaster leads from each of them. 0 for every version from 1.
		 */
		private int window;

		/**
		 * How long a job written for a newer version than this worker knows waits, no attempt
		 * spent, before a worker looks at it again.
		 */
		private Duration deferDelay = Duration.ofSeconds(30);

		/**
		 * How long after its enqueue a job written for a newer version may keep waiting for a
		 * worker that knows it, before it is dead-lettered as VERSION_UNKNOWN.
		 */
		private Duration maxWait = Duration.ofHours(1);

		/** @return how many versions below the current one must still upcast, 0 for all */
		public int getWindow() {
			return this.window;
		}

		/** @param window how many versions below the current one must still upcast, 0 for all */
		public void setWindow(int window) {
			this.window = window;
		}

		/** @return how long a job of a newer version waits before a worker looks at it again */
		public Duration getDeferDelay() {
			return this.deferDelay;
		}

		/** @param deferDelay how long a job of a newer version waits before a worker looks at it again */
		public void setDeferDelay(Duration deferDelay) {
			this.deferDelay = deferDelay;
		}

		/** @return how long after its enqueue a job of a newer version may keep waiting */
		public Duration getMaxWait() {
			return this.maxWait;
		}

		/** @param maxWait how long after its enqueue a job of a newer version may keep waiting */
		public void setMaxWait(Duration maxWait) {
			this.maxWait = maxWait;
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

		/**
		 * Whether an enqueue inside a Spring transaction writes the job to an outbox table in
		 * that transaction, for a relay to publish after the commit and until the broker
		 * confirms it, instead of publishing after the commit. Needs a DataSource and
		 * spring-jdbc, and applies only while transactional is on.
		 */
		private boolean outbox;

		/**
		 * Name of the outbox table, optionally schema-qualified.
		 */
		private String outboxTable = "jobs_outbox";

		/**
		 * Whether the outbox table is created at start-up where it does not exist.
		 */
		private boolean outboxInitializeSchema = true;

		/**
		 * How long a published outbox row is kept before it is deleted.
		 */
		private Duration outboxRetention = Duration.ofHours(1);

		/**
		 * @return how long an enqueue waits for RabbitMQ to confirm a job before it throws
		 * JobsUnavailableException
		 */
		public Duration getConfirmTimeout() {
			return this.confirmTimeout;
		}

		/**
		 * @param confirmTimeout how long an enqueue waits for RabbitMQ to confirm a job before it
		 * throws JobsUnavailableException
		 */
		public void setConfirmTimeout(Duration confirmTimeout) {
			this.confirmTimeout = confirmTimeout;
		}

		/** @return whether an enqueue inside a Spring transaction is published after the commit */
		public boolean isTransactional() {
			return this.transactional;
		}

		/**
		 * @param transactional whether an enqueue inside a Spring transaction is published after
		 * the commit
		 */
		public void setTransactional(boolean transactional) {
			this.transactional = transactional;
		}

		/**
		 * @return whether enqueues inside a transaction go through the outbox table
		 */
		public boolean isOutbox() {
			return this.outbox;
		}

		/**
		 * @param outbox whether enqueues inside a transaction go through the outbox table
		 */
		public void setOutbox(boolean outbox) {
			this.outbox = outbox;
		}

		/**
		 * @return the outbox table's name
		 */
		public String getOutboxTable() {
			return this.outboxTable;
		}

		/**
		 * @param outboxTable the outbox table's name
		 */
		public void setOutboxTable(String outboxTable) {
			this.outboxTable = outboxTable;
		}

		/**
		 * @return whether the outbox table is created at start-up
		 */
		public boolean isOutboxInitializeSchema() {
			return this.outboxInitializeSchema;
		}

		/**
		 * @param outboxInitializeSchema whether the outbox table is created at start-up
		 */
		public void setOutboxInitializeSchema(boolean outboxInitializeSchema) {
			this.outboxInitializeSchema = outboxInitializeSchema;
		}

		/**
		 * @return how long a published outbox row is kept
		 */
		public Duration getOutboxRetention() {
			return this.outboxRetention;
		}

		/**
		 * @param outboxRetention how long a published outbox row is kept
		 */
		public void setOutboxRetention(Duration outboxRetention) {
			this.outboxRetention = outboxRetention;
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

		/** @return how long a job's result record is kept in Redis after it was last written */
		public Duration getTtl() {
			return this.ttl;
		}

		/** @param ttl how long a job's result record is kept in Redis after it was last written */
		public void setTtl(Duration ttl) {
			this.ttl = ttl;
		}

		/** @return how long a job must have been running before its STARTED record is written */
		public Duration getStartedAfter() {
			return this.startedAfter;
		}

		/**
		 * @param startedAfter how long a job must have been running before its STARTED record is
		 * written
		 */
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

		/** @return the broker's consumer_timeout */
		public Duration getConsumerTimeout() {
			return this.consumerTimeout;
		}

		/** @param consumerTimeout the broker's consumer_timeout */
		public void setConsumerTimeout(Duration consumerTimeout) {
			this.consumerTimeout = consumerTimeout;
		}

		/**
		 * @return what a worker does at start-up when a task's hard time limit is not under the
		 * broker's consumer timeout
		 */
		public ConsumerTimeoutCheck getConsumerTimeoutCheck() {
			return this.consumerTimeoutCheck;
		}

		/**
		 * @param consumerTimeoutCheck what a worker does at start-up when a task's hard time limit
		 * is not under the broker's consumer timeout
		 */
		public void setConsumerTimeoutCheck(ConsumerTimeoutCheck consumerTimeoutCheck) {
			this.consumerTimeoutCheck = consumerTimeoutCheck;
		}

		/** @return first word of the name of every exchange and queue the starter declares */
		public String getPrefix() {
			return this.prefix;
		}

		/** @param prefix first word of the name of every exchange and queue the starter declares */
		public void setPrefix(String prefix) {
			this.prefix = prefix;
		}

		/** @return queue type of the delay levels that hold countdowns, ETAs and retry backoff */
		public QueueType getDelayQueueType() {
			return this.delayQueueType;
		}

		/**
		 * @param delayQueueType queue type of the delay levels that hold countdowns, ETAs and retry
		 * backoff
		 */
		public void setDelayQueueType(QueueType delayQueueType) {
			this.delayQueueType = delayQueueType;
		}

	}

	/**
	 * Redis keys, and what the starter adds to Boot's Redis client when Redis is a Cluster or
	 * Sentinel set-up.
	 */
	public static class Redis {

		/**
		 * Prefix of every key and channel the starter uses, so several applications can share
		 * one Redis.
		 */
		private String keyPrefix = "jobs:";

		/**
		 * How often Lettuce reloads a Redis Cluster's topology when
		 * spring.data.redis.lettuce.cluster.refresh.period is not set, so that a failed-over
		 * master is found even when no command has hit it. 0 for none.
		 */
		private Duration topologyRefreshPeriod = Duration.ofSeconds(5);

		/**
		 * How long a Redis command may take on a Redis Cluster or Sentinel set-up when
		 * spring.data.redis.timeout is not set. Must be shorter than jobs.actuate.health-timeout
		 * and jobs.publish.confirm-timeout, so that a dead master fails a call while the health
		 * check and the publisher still wait.
		 */
		private Duration commandTimeout = Duration.ofSeconds(3);

		/**
		 * How many replicas must acknowledge an idempotency claim, lock, unique claim or
		 * schedule claim (Redis WAIT) before the starter relies on it, and a batch of worker
		 * result records before their jobs are acknowledged. When not set, 1 on a
		 * Redis Sentinel set-up and 0 (no WAIT) on a single Redis and on a Redis Cluster, where
		 * it is not supported.
		 */
		private Integer replicaAcks;

		/**
		 * How long a claim waits for its replica acknowledgements. A claim that times out is
		 * still used: its master holds it, and no replica was in sync to lose it to.
		 */
		private Duration replicaAckTimeout = Duration.ofMillis(100);

		/**
		 * @return prefix of every key and channel the starter uses, so several applications can
		 * share one Redis
		 */
		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		/**
		 * @param keyPrefix prefix of every key and channel the starter uses, so several
		 * applications can share one Redis
		 */
		public void setKeyPrefix(String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

		/**
		 * @return how often Lettuce reloads a Redis Cluster's topology
		 */
		public Duration getTopologyRefreshPeriod() {
			return this.topologyRefreshPeriod;
		}

		/**
		 * @param topologyRefreshPeriod how often Lettuce reloads a Redis Cluster's topology
		 */
		public void setTopologyRefreshPeriod(Duration topologyRefreshPeriod) {
			this.topologyRefreshPeriod = topologyRefreshPeriod;
		}

		/**
		 * @return how long a Redis command may take on a cluster or Sentinel set-up
		 */
		public Duration getCommandTimeout() {
			return this.commandTimeout;
		}

		/**
		 * @param commandTimeout how long a Redis command may take on a cluster or Sentinel set-up
		 */
		public void setCommandTimeout(Duration commandTimeout) {
			this.commandTimeout = commandTimeout;
		}

		/**
		 * @return how many replicas must acknowledge a claim, or {@code null} for the default of the set-up
		 */
		public Integer getReplicaAcks() {
			return this.replicaAcks;
		}

		/**
		 * @param replicaAcks how many replicas must acknowledge a claim, or {@code null} for the default of the set-up
		 */
		public void setReplicaAcks(Integer replicaAcks) {
			this.replicaAcks = replicaAcks;
		}

		/**
		 * @return how long a claim waits for its replica acknowledgements
		 */
		public Duration getReplicaAckTimeout() {
			return this.replicaAckTimeout;
		}

		/**
		 * @param replicaAckTimeout how long a claim waits for its replica acknowledgements
		 */
		public void setReplicaAckTimeout(Duration replicaAckTimeout) {
			this.replicaAckTimeout = replicaAckTimeout;
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

		/**
		 * Whether an open circuit breaker reports the jobsCircuitBreakers health contributor
		 * DOWN. An open breaker means a downstream service fails, not this instance.
		 */
		private boolean openBreakerDown;

		private final Management management = new Management();

		/** @return when to show job arguments in the jobs endpoint's dead-letter entries */
		public ShowValues getShowValues() {
			return this.showValues;
		}

		/**
		 * @param showValues when to show job arguments in the jobs endpoint's dead-letter entries
		 */
		public void setShowValues(ShowValues showValues) {
			this.showValues = showValues;
		}

		/**
		 * @return roles of which a caller must have one to replay or purge dead letters or cancel
		 * jobs through the jobs endpoint
		 */
		public Set<String> getWriteRoles() {
			return this.writeRoles;
		}

		/**
		 * @param writeRoles roles of which a caller must have one to replay or purge dead letters
		 * or cancel jobs through the jobs endpoint
		 */
		public void setWriteRoles(Set<String> writeRoles) {
			this.writeRoles = writeRoles;
		}

		/**
		 * @return roles used to determine whether a user is authorized to be shown job arguments
		 */
		public Set<String> getRoles() {
			return this.roles;
		}

		/**
		 * @param roles roles used to determine whether a user is authorized to be shown job
		 * arguments
		 */
		public void setRoles(Set<String> roles) {
			this.roles = roles;
		}

		/**
		 * @return how long queue depths read for the metrics gauges are reused before RabbitMQ is
		 * asked again
		 */
		public Duration getDepthCacheTtl() {
			return this.depthCacheTtl;
		}

		/**
		 * @param depthCacheTtl how long queue depths read for the metrics gauges are reused before
		 * RabbitMQ is asked again
		 */
		public void setDepthCacheTtl(Duration depthCacheTtl) {
			this.depthCacheTtl = depthCacheTtl;
		}

		/**
		 * @return how long the jobs health check waits for RabbitMQ and Redis to answer before it
		 * reports the one that did not as down
		 */
		public Duration getHealthTimeout() {
			return this.healthTimeout;
		}

		/**
		 * @param healthTimeout how long the jobs health check waits for RabbitMQ and Redis to
		 * answer before it reports the one that did not as down
		 */
		public void setHealthTimeout(Duration healthTimeout) {
			this.healthTimeout = healthTimeout;
		}

		/** @return whether an open circuit breaker reports its health contributor DOWN */
		public boolean isOpenBreakerDown() {
			return this.openBreakerDown;
		}

		/** @param openBreakerDown whether an open circuit breaker reports its health contributor DOWN */
		public void setOpenBreakerDown(boolean openBreakerDown) {
			this.openBreakerDown = openBreakerDown;
		}

		/** @return the management settings */
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

			/** @return base URL of the RabbitMQ management API */
			public URI getUrl() {
				return this.url;
			}

			/** @param url base URL of the RabbitMQ management API */
			public void setUrl(URI url) {
				this.url = url;
			}

			/** @return login user of the management API */
			public String getUsername() {
				return this.username;
			}

			/** @param username login user of the management API */
			public void setUsername(String username) {
				this.username = username;
			}

			/** @return login password of the management API */
			public String getPassword() {
				return this.password;
			}

			/** @param password login password of the management API */
			public void setPassword(String password) {
				this.password = password;
			}

			/**
			 * @return how long a call to the management API may take before queue numbers are read
			 * over AMQP instead
			 */
			public Duration getTimeout() {
				return this.timeout;
			}

			/**
			 * @param timeout how long a call to the management API may take before queue numbers
			 * are read over AMQP instead
			 */
			public void setTimeout(Duration timeout) {
				this.timeout = timeout;
			}

		}

	}

}
