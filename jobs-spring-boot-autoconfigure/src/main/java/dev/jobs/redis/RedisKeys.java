package dev.jobs.redis;

/**
 * Every Redis key and channel name the starter uses, built from {@code jobs.redis.key-prefix}
 * (default {@code jobs:}). Nothing else in the code writes a key name.
 */
public final class RedisKeys {

	private final String prefix;

	/**
	 * Creates the key builder.
	 * @param prefix the prefix of every key ({@code jobs.redis.key-prefix})
	 */
	public RedisKeys(String prefix) {
		this.prefix = prefix;
	}

	/**
	 * The key of a job's result record.
	 * @param jobId the job id
	 * @return {@code <prefix>result:<id>}
	 */
	public String result(String jobId) {
		return this.prefix + "result:" + jobId;
	}

	/**
	 * The key of a search index of job records: a sorted set of result keys scored by enqueue
	 * time, written by {@code record_results.lua}.
	 * @param name {@code all}, {@code status:<status>} or {@code task:<task>}; empty for the
	 * prefix of every index
	 * @return {@code <prefix>index:<name>}
	 */
	public String index(String name) {
		return this.prefix + "index:" + name;
	}

	/**
	 * The key of a per-minute throughput counter, kept with the search indexes by
	 * {@code record_results.lua}.
	 * @param counter {@code enqueued}, {@code succeeded} or {@code failed}
	 * @param minute the minute since the epoch, by Redis's clock
	 * @return {@code <prefix>index:throughput:<counter>:<minute>}
	 */
	public String throughput(String counter, long minute) {
		return index("throughput:" + counter + ":" + minute);
	}

	/**
	 * The key of the audit trail: operators' actions scored by time.
	 * @return {@code <prefix>audit}
	 */
	public String audit() {
		return this.prefix + "audit";
	}

	/**
	 * The key of one instance's latest report.
	 * @param id the instance's id
	 * @return {@code <prefix>instance:<id>}
	 */
	public String instance(String id) {
		return this.prefix + "instance:" + id;
	}

	/**
	 * The key of the instances' ids scored by the time of their latest report.
	 * @return {@code <prefix>instances}
	 */
	public String instances() {
		return this.prefix + "instances";
	}

	/**
	 * The key of the failure causes operators marked resolved.
	 * @return {@code <prefix>failures:resolved}
	 */
	public String failureResolutions() {
		return this.prefix + "failures:resolved";
	}

	/**
	 * The channel a job's terminal result record is published on.
	 * @param jobId the job id
	 * @return {@code <prefix>done:<id>}
	 */
	public String done(String jobId) {
		return this.prefix + "done:" + jobId;
	}

	/**
	 * A channel nobody publishes on, to which a process that waits for results stays
	 * subscribed between waits, so that its subscription never runs out of channels: Spring
	 * Data's listener container closes a subscription left with none, and a wait starting at
	 * that moment found it closed.
	 * @return {@code <prefix>waiting}
	 */
	public String waiting() {
		return this.prefix + "waiting";
	}

	/**
	 * The key of a schedule's shared record: its last slot, recent jobs, counts and pause.
	 * @param schedule the schedule's name
	 * @return {@code <prefix>schedule:<name>}
	 */
	public String schedule(String schedule) {
		return this.prefix + "schedule:" + schedule;
	}

	/**
	 * The key of an idempotency record.
	 * @param key the task-scoped key, {@code <task>:<key>}
	 * @return {@code <prefix>idempotency:<task>:<key>}
	 */
	public String idempotency(String key) {
		return this.prefix + "idempotency:" + key;
	}

	/**
	 * The key of a lock.
	 * @param name the lock's name
	 * @return {@code <prefix>lock:<name>}
	 */
	public String lock(String name) {
		return this.prefix + "lock:" + name;
	}

	/**
	 * The key of a unique key's claim.
	 * @param key the task-scoped key, {@code <task>:<key>}
	 * @return {@code <prefix>unique:<task>:<key>}
	 */
	public String unique(String key) {
		return this.prefix + "unique:" + key;
	}

	/**
	 * The key of a rate-limited budget.
	 * @param budget {@code task:<task>}, {@code task:<task>:<key>} or {@code queue:<queue>}
	 * @return {@code <prefix>rate:<budget>}
	 */
	public String rate(String budget) {
		return this.prefix + "rate:" + budget;
	}

	/**
	 * The key of a concurrency budget's permits.
	 * @param budget {@code task:<task>} or {@code task:<task>:<key>}
	 * @return {@code <prefix>concurrency:<budget>}
	 */
	public String concurrency(String budget) {
		return this.prefix + "concurrency:" + budget;
	}

	/**
	 * The key of a task's circuit breaker.
	 * @param task the task
	 * @return {@code <prefix>breaker:<task>}
	 */
	public String breaker(String task) {
		return this.prefix + "breaker:" + task;
	}

	/**
	 * The key of the set of paused job queues.
	 * @return {@code <prefix>paused-queues}
	 */
	public String pausedQueues() {
		return this.prefix + "paused-queues";
	}

	/**
	 * The key of a workflow's state.
	 * @param workflowId the workflow id
	 * @return {@code <prefix>workflow:<id>}
	 */
	public String workflow(String workflowId) {
		return this.prefix + "workflow:" + workflowId;
	}

	/**
	 * The key of a batch's state.
	 * @param batchId the batch id
	 * @return {@code <prefix>batch:<id>}
	 */
	public String batch(String batchId) {
		return this.prefix + "batch:" + batchId;
	}

	/**
	 * The key of a job's latest progress report.
	 * @param jobId the job id
	 * @return {@code <prefix>progress:<id>}
	 */
	public String progress(String jobId) {
		return this.prefix + "progress:" + jobId;
	}

	/**
	 * The key of a redelivered job's crash count.
	 * @param jobId the job id
	 * @return {@code <prefix>crashes:<id>}
	 */
	public String crashes(String jobId) {
		return this.prefix + "crashes:" + jobId;
	}

	/**
	 * The key of the sorted set of cancelled jobs.
	 * @return {@code <prefix>cancelled}
	 */
	public String cancelled() {
		return this.prefix + "cancelled";
	}

	/**
	 * The key prefix.
	 * @return the prefix
	 */
	public String prefix() {
		return this.prefix;
	}

}
