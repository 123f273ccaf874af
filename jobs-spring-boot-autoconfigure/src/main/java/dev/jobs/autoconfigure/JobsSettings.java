package dev.jobs.autoconfigure;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.jobs.core.client.PublishSettings;
import dev.jobs.outbox.JdbcJobOutbox;
import dev.jobs.core.execution.RunningJobs;
import dev.jobs.core.execution.TimeLimits;
import dev.jobs.core.idempotency.IdempotencySettings;
import dev.jobs.core.lock.LockSettings;
import dev.jobs.core.port.BreakerSettings;
import dev.jobs.core.retry.RetryPolicies;
import dev.jobs.core.schedule.CronSlots;
import dev.jobs.core.schedule.FixedRateSlots;
import dev.jobs.core.schedule.Schedule;
import dev.jobs.core.schedule.SlotSequence;
import dev.jobs.core.task.RateLimit;
import dev.jobs.core.task.TaskKeyOverrides;
import dev.jobs.core.task.TaskRegistry;
import dev.jobs.core.task.TaskSettings;
import dev.jobs.core.version.VersionSettings;
import dev.jobs.rabbit.ConsumerTimeouts;
import dev.jobs.rabbit.WorkerQueue;
import dev.jobs.rabbit.WorkerSettings;
import dev.jobs.rabbit.topology.JobQueueSpec;
import dev.jobs.rabbit.topology.QueueType;
import dev.jobs.redis.RedisKeys;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Turns the bound {@link JobsProperties} into the immutable values the engine and adapters use,
 * once, at start-up, and fails start-up with the property's name, its value and the remedy
 * when a value cannot work.
 */
final class JobsSettings {

	private static final Log logger = LogFactory.getLog(JobsSettings.class);

	private final JobsProperties properties;

	private final RetryPolicies retryPolicies;

	private final ActuateSettings actuate;

	JobsSettings(JobsProperties properties) {
		this.properties = properties;
		this.actuate = new ActuateSettings(properties);
		requireName("jobs.default-queue", properties.getDefaultQueue());
		requirePositive("jobs.publish.confirm-timeout", properties.getPublish().getConfirmTimeout());
		requirePositive("jobs.results.ttl", properties.getResults().getTtl());
		requireNotNegative("jobs.results.started-after", properties.getResults().getStartedAfter());
		requireNotNegative("jobs.worker.shutdown-timeout", properties.getWorker().getShutdownTimeout());
		requireNotNegative("jobs.worker.settle-retry-pause", properties.getWorker().getSettleRetryPause());
		properties.getQueues().forEach(this::validate);
		// The context class loader is the application's (DevTools' restart loader included), so
		// retry-on classes are the very classes tasks throw.
		this.retryPolicies = new RetryPolicyConversion(ClassUtils.getDefaultClassLoader())
			.convert(properties.getRetry());
		properties.getTasks().forEach((task, settings) -> {
			if (settings.getQueue() != null) {
				requireName("jobs.tasks." + task + ".queue", settings.getQueue());
			}
			if (settings.getRetry() != null) {
				requirePolicy("jobs.tasks." + task + ".retry", settings.getRetry());
			}
		});
		properties.getWorker().getQueues().forEach((queue) -> requireName("jobs.worker.queues", queue));
		requirePrefix("jobs.rabbit.prefix", properties.getRabbit().getPrefix());
		if (properties.getRabbit().getDelayQueueType() == null) {
			throw new InvalidConfigurationPropertyValueException("jobs.rabbit.delay-queue-type", null,
					"Set it to quorum (RabbitMQ 3.10 or later) or classic.");
		}
		configuredSchedules();
	}

	/**
	 * The first word of every RabbitMQ exchange and queue name.
	 * @return the prefix
	 */
	String rabbitPrefix() {
		return this.properties.getRabbit().getPrefix();
	}

	/**
	 * The queue type of the delay levels.
	 * @return quorum or classic
	 */
	QueueType delayQueueType() {
		return this.properties.getRabbit().getDelayQueueType();
	}

	/**
	 * What configuration says about operating the jobs: endpoint, health and metrics.
	 * @return the actuate settings
	 */
	ActuateSettings actuate() {
		return this.actuate;
	}

	/**
	 * What configuration says about the dashboard, checked.
	 * @return the dashboard's path, audit time to live and grouping limit
	 */
	DashboardSettings dashboard() {
		DashboardProperties dashboard = this.properties.getDashboard();
		String path = dashboard.getPath();
		if (path == null || !path.startsWith("/") || path.length() < 2 || path.endsWith("/")) {
			throw new InvalidConfigurationPropertyValueException("jobs.dashboard.path", path,
					"Must start with '/', not end with one, and not be the root, such as /jobs.");
		}
		Duration ttl = dashboard.getAuditTtl();
		if (ttl == null || ttl.isNegative() || ttl.isZero()) {
			throw new InvalidConfigurationPropertyValueException("jobs.dashboard.audit-ttl", ttl,
					"Must be a positive duration, such as 30d.");
		}
		int grouped = dashboard.getGroupedEntries();
		if (grouped < 1 || grouped > 10_000) {
			throw new InvalidConfigurationPropertyValueException("jobs.dashboard.grouped-entries", grouped,
					"Must be between 1 and 10000 (the most one read of the dead-letter queue takes).");
		}
		Duration maxAge = dashboard.getFailuresMaxAge();
		if (maxAge == null || maxAge.isNegative()) {
			throw new InvalidConfigurationPropertyValueException("jobs.dashboard.failures-max-age", maxAge,
					"Must be 0 (read the dead-letter queue again on every view) or a positive duration, such as 5s.");
		}
		String traceUrl = dashboard.getTraceUrl();
		if (traceUrl != null && !traceUrl.isBlank() && !traceUrl.contains(DashboardSettings.TRACE_ID)) {
			throw new InvalidConfigurationPropertyValueException("jobs.dashboard.trace-url", traceUrl,
					"Must say where the trace id goes with " + DashboardSettings.TRACE_ID
							+ ", such as http://localhost:16686/trace/{traceId}.");
		}
		return new DashboardSettings(path, ttl, grouped, maxAge,
				(traceUrl == null || traceUrl.isBlank()) ? null : traceUrl);
	}

	/**
	 * How often this instance reports itself, checked.
	 * @return the interval; zero for never
	 */
	Duration heartbeatInterval() {
		Duration interval = this.properties.getInstances().getHeartbeatInterval();
		if (interval == null || interval.isNegative() || (!interval.isZero() && interval.toMillis() < 100)) {
			throw new InvalidConfigurationPropertyValueException("jobs.instances.heartbeat-interval", interval,
					"Must be 0 (report nothing) or at least 100ms, such as 10s.");
		}
		return interval;
	}

	/**
	 * The dashboard's settings.
	 *
	 * @param path where it is served
	 * @param auditTtl how long the audit trail keeps an action
	 * @param groupedEntries how many dead letters are read to group them
	 * @param failuresMaxAge how old a read of the dead-letter queue the pages may show
	 * @param traceUrl the link from a job's page to its trace, or {@code null} for none
	 */
	record DashboardSettings(String path, Duration auditTtl, int groupedEntries, Duration failuresMaxAge,
			String traceUrl) {

		/** What a trace link says in place of the trace id. */
		static final String TRACE_ID = "{traceId}";

	}

	/**
	 * What configuration says about tasks, for the scanner.
	 * @return the task settings
	 */
	TaskSettings taskSettings() {
		Map<String, String> retries = new LinkedHashMap<>();
		Map<String, TaskKeyOverrides> keys = new LinkedHashMap<>();
		Map<String, Boolean> maskArgs = new LinkedHashMap<>();
		this.properties.getTasks().forEach((task, settings) -> {
			if (settings.getMaskArgs() != null) {
				maskArgs.put(task, settings.getMaskArgs());
			}
			if (settings.getRetry() != null) {
				retries.put(task, settings.getRetry());
			}
			Duration lockTimeout = (settings.getLockTimeout() != null)
					? positive(settings.getLockTimeout(), "jobs.tasks." + task + ".lock-timeout") : null;
			keys.put(task, new TaskKeyOverrides(settings.getIdempotency(), settings.getLock(), lockTimeout,
					settings.getOnLocked(), settings.getRateLimit(), settings.getRateLimitBurst(),
					settings.getRateLimitScope(), settings.getRateLimitKey(), settings.getMaxConcurrent(),
					settings.getConcurrencyKey(), (settings.getTimeout() != null)
							? positive(settings.getTimeout(), "jobs.tasks." + task + ".timeout") : null,
					(settings.getHardTimeout() != null)
							? positive(settings.getHardTimeout(), "jobs.tasks." + task + ".hard-timeout") : null));
		});
		return new TaskSettings(this.properties.getDefaultQueue(), configuredTaskQueues(), retries, this.retryPolicies,
				keys, maskArgs);
	}

	IdempotencySettings idempotencySettings() {
		ExactlyOnceProperties.Idempotency idempotency = this.properties.getIdempotency();
		return new IdempotencySettings(positive(idempotency.getTtl(), "jobs.idempotency.ttl"),
				positive(idempotency.getLease(), "jobs.idempotency.lease"),
				positive(idempotency.getRetryAfter(), "jobs.idempotency.retry-after"));
	}

	LockSettings lockSettings() {
		ExactlyOnceProperties.Locks locks = this.properties.getLocks();
		return new LockSettings(positive(locks.getTimeout(), "jobs.locks.timeout"),
				positive(locks.getRetryAfter(), "jobs.locks.retry-after"));
	}

	/**
	 * The rate limits of job queues, checked once.
	 * @return the limit by queue name
	 */
	Map<String, RateLimit> queueRateLimits() {
		Map<String, RateLimit> limits = new LinkedHashMap<>();
		this.properties.getQueues().forEach((queue, settings) -> {
			if (settings.getRateLimit() == null) {
				return;
			}
			String property = "jobs.queues." + queue + ".rate-limit";
			RateLimit limit;
			try {
				limit = RateLimit.parse(settings.getRateLimit(), property);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidConfigurationPropertyValueException(property, settings.getRateLimit(), ex.getMessage());
			}
			try {
				limits.put(queue, limit.withBurst(settings.getRateLimitBurst()));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidConfigurationPropertyValueException(property + "-burst", settings.getRateLimitBurst(),
						ex.getMessage());
			}
		});
		return limits;
	}

	Duration uniqueTtl() {
		return positive(this.properties.getUnique().getTtl(), "jobs.unique.ttl");
	}

	private static Duration positive(Duration value, String property) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new InvalidConfigurationPropertyValueException(property, value, "must be a positive duration");
		}
		return value;
	}

	private void requirePolicy(String property, String name) {
		try {
			this.retryPolicies.named(name, property);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(property, name, ex.getMessage());
		}
	}

	/**
	 * The queue configured for each task under {@code jobs.tasks}.
	 * @return queue by task name, for tasks that configure one
	 */
	Map<String, String> configuredTaskQueues() {
		Map<String, String> queues = new LinkedHashMap<>();
		this.properties.getTasks().forEach((task, settings) -> {
			if (settings.getQueue() != null) {
				queues.put(task, settings.getQueue());
			}
		});
		return queues;
	}

	/**
	 * The tasks named under {@code jobs.tasks} without a queue, which must therefore be tasks
	 * of this application.
	 * @return their names
	 */
	Set<String> tasksWithoutQueue() {
		Set<String> names = new LinkedHashSet<>(this.properties.getTasks().keySet());
		names.removeAll(configuredTaskQueues().keySet());
		return names;
	}

	/**
	 * Every job queue to declare: the configured ones, the default queue, the worker's, and
	 * those named by tasks and schedules.
	 * @param taskQueues the queues the registered tasks use
	 * @return the queue specs
	 */
	List<JobQueueSpec> queueSpecs(Iterable<String> taskQueues) {
		Set<String> names = new LinkedHashSet<>(this.properties.getQueues().keySet());
		names.add(this.properties.getDefaultQueue());
		names.addAll(this.properties.getWorker().getQueues());
		names.addAll(configuredTaskQueues().values());
		this.properties.getSchedules().values().stream().map(JobsProperties.ScheduleProperties::getQueue)
			.filter(Objects::nonNull)
			.forEach(names::add);
		taskQueues.forEach(names::add);
		List<JobQueueSpec> specs = new ArrayList<>();
		for (String name : names) {
			JobsProperties.QueueProperties queue = queue(name);
			specs.add(new JobQueueSpec(name, queue.getType(), queue.getDeliveryLimit(), queue.getMaxPriority()));
		}
		return specs;
	}

	/**
	 * The queues this instance consumes, with their concurrency and prefetch.
	 * @return the worker queues
	 */
	List<WorkerQueue> workerQueues() {
		List<WorkerQueue> workers = new ArrayList<>();
		for (String name : new LinkedHashSet<>(this.properties.getWorker().getQueues())) {
			JobsProperties.QueueProperties queue = queue(name);
			int prefetch = (queue.getPrefetch() != null) ? queue.getPrefetch()
					: Math.max(10, queue.getConcurrency() * 2);
			int deliveryLimit = (queue.getType() == QueueType.QUORUM) ? queue.getDeliveryLimit() : 0;
			workers.add(new WorkerQueue(name, queue.getConcurrency(), prefetch, deliveryLimit));
		}
		return workers;
	}

	/**
	 * The names of the queues this instance consumes, each once.
	 * @return the queue names, in configured order
	 */
	List<String> workerQueueNames() {
		return workerQueues().stream().map(WorkerQueue::name).toList();
	}

	/**
	 * How the worker's consumers run and stop.
	 * @param virtualThreads whether the application runs on virtual threads
	 * @return the worker settings
	 */
	WorkerSettings workerSettings(boolean virtualThreads) {
		JobsProperties.Worker worker = this.properties.getWorker();
		return new WorkerSettings(worker.getShutdownTimeout(), worker.getSettleRetryPause(), virtualThreads);
	}

	/**
	 * The schedules of {@code jobs.schedules}, checked but with their arguments as configured:
	 * binding them to the task's parameter types waits until every task is registered.
	 * @return the schedules
	 */
	List<Schedule> configuredSchedules() {
		List<Schedule> schedules = new ArrayList<>();
		this.properties.getSchedules().forEach((name, schedule) -> schedules.add(schedule(name, schedule)));
		return schedules;
	}

	private static Schedule schedule(String name, JobsProperties.ScheduleProperties schedule) {
		String prefix = "jobs.schedules." + name;
		if (!StringUtils.hasText(schedule.getTask())) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".task", schedule.getTask(),
					"Name the @BackgroundTask the schedule enqueues.");
		}
		if (schedule.getQueue() != null) {
			requireName(prefix + ".queue", schedule.getQueue());
		}
		if (schedule.getExpires() != null) {
			requirePositive(prefix + ".expires", schedule.getExpires());
		}
		requireNotNegative(prefix + ".misfire-grace", schedule.getMisfireGrace());
		if (schedule.getMaxInstances() < 1) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".max-instances",
					schedule.getMaxInstances(), "At least 1 job of a schedule must be allowed in flight.");
		}
		return new Schedule(name, schedule.getTask(), slots(prefix, schedule), schedule.getArgs(),
				schedule.getQueue(), schedule.getExpires(), schedule.getMisfireGrace(), schedule.getMaxInstances(),
				schedule.isEnabled(), prefix);
	}

	private static SlotSequence slots(String prefix, JobsProperties.ScheduleProperties schedule) {
		boolean cron = StringUtils.hasText(schedule.getCron());
		if (cron == (schedule.getEvery() != null)) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".cron", schedule.getCron(),
					"Give a schedule either a cron expression or every: <duration>, not " + (cron ? "both" : "neither")
							+ ".");
		}
		if (!cron) {
			if (schedule.getEvery().toMillis() < 1) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".every", schedule.getEvery(),
						"Must be at least 1ms.");
			}
			return new FixedRateSlots(schedule.getEvery());
		}
		ZoneId zone;
		try {
			zone = ZoneId.of(schedule.getZone());
		}
		catch (RuntimeException ex) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".zone", schedule.getZone(),
					"Use a zone id such as UTC or Europe/Paris (" + ex.getMessage() + ").");
		}
		try {
			return CronSlots.parse(schedule.getCron(), zone);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".cron", schedule.getCron(),
					"Use Spring's six fields (second minute hour day-of-month month day-of-week, such as"
							+ " \"0 0 8 * * *\") or a macro such as @daily: " + ex.getMessage());
		}
	}

	Duration settleRetryPause() {
		return this.properties.getWorker().getSettleRetryPause();
	}

	TimeLimits timeLimits(RunningJobs running) {
		JobsProperties.Worker worker = this.properties.getWorker();
		requireNotNegative("jobs.worker.default-timeout", worker.getDefaultTimeout());
		requirePositive("jobs.worker.hard-timeout-grace", worker.getHardTimeoutGrace());
		Duration defaultLimit = worker.getDefaultTimeout().isZero() ? null : worker.getDefaultTimeout();
		return new TimeLimits(running, defaultLimit, worker.getHardTimeoutGrace());
	}

	ConsumerTimeouts consumerTimeouts(TaskRegistry registry, TimeLimits limits) {
		JobsProperties.Rabbit rabbit = this.properties.getRabbit();
		requirePositive("jobs.rabbit.consumer-timeout", rabbit.getConsumerTimeout());
		return new ConsumerTimeouts(rabbit.getConsumerTimeout(), rabbit.getConsumerTimeoutCheck(),
				registry::localTasks, limits);
	}

	/**
	 * The crashes after which a job is not run again, checked against the delivery limits of
	 * the quorum queues this instance consumes: a limit the broker reaches first ends a poison
	 * job as DELIVERY_LIMIT, and uses up the limits of the jobs its deaths hand back.
	 * @return the crash limit, 0 for none
	 */
	int crashLimit() {
		int crashLimit = this.properties.getWorker().getCrashLimit();
		if (crashLimit < 0) {
			throw new InvalidConfigurationPropertyValueException("jobs.worker.crash-limit", crashLimit,
					"must be 0 (off) or more");
		}
		for (WorkerQueue queue : workerQueues()) {
			if (crashLimit > 0 && queue.deliveryLimit() > 0 && queue.deliveryLimit() < crashLimit + 2) {
				logger.warn("jobs.queues." + queue.name() + ".delivery-limit (" + queue.deliveryLimit()
						+ ") is below jobs.worker.crash-limit (" + crashLimit + ") + 2: the broker ends a poison job"
						+ " first, as DELIVERY_LIMIT, and counts every job a dying worker hands back against it too."
						+ " Raise the delivery limit to " + (crashLimit + 2) + " or more (10 by default)");
			}
		}
		return crashLimit;
	}

	int maxStuck() {
		int maxStuck = this.properties.getWorker().getMaxStuck();
		if (maxStuck < 0) {
			throw new InvalidConfigurationPropertyValueException("jobs.worker.max-stuck", maxStuck,
					"must be 0 or more");
		}
		return maxStuck;
	}

	RedisKeys redisKeys() {
		return new RedisKeys(this.properties.getRedis().getKeyPrefix());
	}

	RedisClientSettings redisClient() {
		JobsProperties.Redis redis = this.properties.getRedis();
		return new RedisClientSettings(redis.getTopologyRefreshPeriod(), redis.getCommandTimeout(),
				redis.getReplicaAcks(), redis.getReplicaAckTimeout(), this.properties.getActuate().getHealthTimeout(),
				this.properties.getPublish().getConfirmTimeout());
	}

	int maxMessageSize() {
		long bytes = this.properties.getMessage().getMaxSize().toBytes();
		if (bytes < 1024 || bytes > Integer.MAX_VALUE) {
			throw new InvalidConfigurationPropertyValueException("jobs.message.max-size",
					this.properties.getMessage().getMaxSize(), "must be between 1KB and 2GB");
		}
		return (int) bytes;
	}

	/**
	 * The circuit breakers of tasks, by task name.
	 * @return the breakers; empty when no task has one
	 */
	Map<String, BreakerSettings> circuitBreakers() {
		Map<String, BreakerSettings> breakers = new LinkedHashMap<>();
		this.properties.getTasks().forEach((task, settings) -> {
			JobsProperties.CircuitBreakerProperties breaker = settings.getCircuitBreaker();
			if (breaker == null) {
				return;
			}
			String property = "jobs.tasks." + task + ".circuit-breaker";
			if (breaker.getFailureRateThreshold() < 1 || breaker.getFailureRateThreshold() > 100) {
				throw new InvalidConfigurationPropertyValueException(property + ".failure-rate-threshold",
						breaker.getFailureRateThreshold(), "Must be a percentage from 1 to 100.");
			}
			if (breaker.getSlidingWindow() < 1) {
				throw new InvalidConfigurationPropertyValueException(property + ".sliding-window",
						breaker.getSlidingWindow(), "Must be at least 1 attempt.");
			}
			if (breaker.getMinimumAttempts() < 1 || breaker.getMinimumAttempts() > breaker.getSlidingWindow()) {
				throw new InvalidConfigurationPropertyValueException(property + ".minimum-attempts",
						breaker.getMinimumAttempts(), "Must be from 1 to the sliding window ("
								+ breaker.getSlidingWindow() + ").");
			}
			if (breaker.getHalfOpenProbes() < 1) {
				throw new InvalidConfigurationPropertyValueException(property + ".half-open-probes",
						breaker.getHalfOpenProbes(), "Must be at least 1.");
			}
			requirePositive(property + ".open-duration", breaker.getOpenDuration());
			breakers.put(task, new BreakerSettings(breaker.getFailureRateThreshold(), breaker.getSlidingWindow(),
					breaker.getMinimumAttempts(), breaker.getOpenDuration(), breaker.getHalfOpenProbes()));
		});
		return breakers;
	}

	/**
	 * Whether some task has a circuit breaker, before the settings exist (for a condition).
	 * @param environment the environment
	 * @return whether some {@code jobs.tasks.<task>.circuit-breaker} is set
	 */
	static boolean anyCircuitBreaker(Environment environment) {
		return Binder.get(environment)
			.bind("jobs.tasks", Bindable.mapOf(String.class, JobsProperties.TaskProperties.class))
			.orElse(Map.of())
			.values()
			.stream()
			.anyMatch((task) -> task.getCircuitBreaker() != null);
	}

	boolean openBreakerDown() {
		return this.properties.getActuate().isOpenBreakerDown();
	}

	VersionSettings versionSettings() {
		JobsProperties.Versions versions = this.properties.getVersions();
		if (versions.getWindow() < 0) {
			throw new InvalidConfigurationPropertyValueException("jobs.versions.window", versions.getWindow(),
					"Must be 0 (every version from 1) or more.");
		}
		requirePositive("jobs.versions.defer-delay", versions.getDeferDelay());
		requirePositive("jobs.versions.max-wait", versions.getMaxWait());
		return new VersionSettings(versions.getWindow(), versions.getDeferDelay(), versions.getMaxWait());
	}

	RetryPolicies retryPolicies() {
		return this.retryPolicies;
	}

	Duration resultTtl() {
		return this.properties.getResults().getTtl();
	}

	Duration startedAfter() {
		return this.properties.getResults().getStartedAfter();
	}

	PublishSettings publishSettings() {
		return new PublishSettings(this.properties.getPublish().getConfirmTimeout(),
				this.properties.getPublish().isTransactional());
	}

	/**
	 * The outbox's settings, checked: a table name that is a plain identifier, a positive
	 * retention.
	 */
	OutboxSettings outboxSettings() {
		JobsProperties.Publish publish = this.properties.getPublish();
		if (!JdbcJobOutbox.TABLE_NAME.matcher(publish.getOutboxTable()).matches()) {
			throw new InvalidConfigurationPropertyValueException("jobs.publish.outbox-table", publish.getOutboxTable(),
					"Use a plain SQL identifier (letters, digits and '_'), optionally schema-qualified as"
							+ " schema.table");
		}
		if (publish.getOutboxRetention().isNegative() || publish.getOutboxRetention().isZero()) {
			throw new InvalidConfigurationPropertyValueException("jobs.publish.outbox-retention",
					publish.getOutboxRetention(), "Keep published rows for a positive duration, such as 1h");
		}
		return new OutboxSettings(publish.isOutbox() && publish.isTransactional(), publish.getOutboxTable(),
				publish.isOutboxInitializeSchema(), publish.getOutboxRetention(), publish.getConfirmTimeout());
	}

	/** Whether {@code jobs.publish.outbox} is on, whatever else is there. */
	boolean outboxRequested() {
		return this.properties.getPublish().isOutbox();
	}

	private JobsProperties.QueueProperties queue(String name) {
		return this.properties.getQueues().getOrDefault(name, new JobsProperties.QueueProperties());
	}

	private void validate(String name, JobsProperties.QueueProperties queue) {
		String prefix = "jobs.queues." + name;
		requireName(prefix, name);
		if (queue.getConcurrency() < 1) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".concurrency", queue.getConcurrency(),
					"Concurrency must be at least 1. To stop consuming a queue, remove it from jobs.worker.queues.");
		}
		if (queue.getPrefetch() != null && queue.getPrefetch() < 1) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".prefetch", queue.getPrefetch(),
					"Prefetch must be at least 1.");
		}
		if (queue.getType() == QueueType.QUORUM && queue.getDeliveryLimit() < 1) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".delivery-limit", queue.getDeliveryLimit(),
					"A quorum queue's delivery limit must be at least 1.");
		}
		if (queue.getMaxPriority() < 0 || queue.getMaxPriority() > 255) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".max-priority", queue.getMaxPriority(),
					"Max priority must be between 0 and 255.");
		}
		if (queue.getType() == QueueType.QUORUM && queue.getMaxPriority() > 0) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".max-priority", queue.getMaxPriority(),
					"Quorum queues have no message priorities here; set " + prefix + ".type to classic.");
		}
	}

	private static void requireName(String property, String value) {
		if (!StringUtils.hasText(value) || !value.matches("[A-Za-z0-9._-]+")) {
			throw new InvalidConfigurationPropertyValueException(property, value,
					"Queue names use letters, digits, '.', '_' and '-' only.");
		}
	}

	/**
	 * A prefix starts every exchange and queue name, which RabbitMQ caps at 255 bytes and
	 * reserves when they start with {@code amq.}; 100 characters leave room for the queue name.
	 */
	private static void requirePrefix(String property, String value) {
		if (!StringUtils.hasText(value) || !value.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}") || value.endsWith(".")
				|| value.startsWith("amq.")) {
			throw new InvalidConfigurationPropertyValueException(property, value,
					"Use 1 to 100 letters, digits, '.', '_' and '-', starting with a letter or digit, not ending"
							+ " with '.', and not starting with 'amq.' (RabbitMQ reserves those names).");
		}
	}

	private static void requirePositive(String property, Duration value) {
		if (value == null || value.isZero() || value.isNegative()) {
			throw new InvalidConfigurationPropertyValueException(property, value, "Must be a positive duration.");
		}
	}

	private static void requireNotNegative(String property, Duration value) {
		if (value == null || value.isNegative()) {
			throw new InvalidConfigurationPropertyValueException(property, value, "Must not be negative.");
		}
	}

}
