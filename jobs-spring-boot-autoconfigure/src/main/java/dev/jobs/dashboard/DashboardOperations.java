package dev.jobs.dashboard;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.jobs.Jobs;
import dev.jobs.Progress;
import dev.jobs.core.envelope.ArgumentMismatchException;
import dev.jobs.core.port.AuditTrail;
import dev.jobs.core.port.DeadLetterEntry;
import dev.jobs.core.port.DeadLetterQuery;
import dev.jobs.core.port.DeadLetterQueue;
import dev.jobs.core.port.FailureResolutions;
import dev.jobs.core.port.InstanceRegistry;
import dev.jobs.core.port.JobThroughput;
import dev.jobs.core.port.LimitUsage;
import dev.jobs.core.port.JobSearch;
import dev.jobs.core.port.QueueInspector;
import dev.jobs.core.port.QueuePauses;
import dev.jobs.core.port.QueueSnapshot;
import dev.jobs.core.port.QueueStats;
import dev.jobs.core.port.RecentFlows;
import dev.jobs.core.port.ResultRecord;
import dev.jobs.core.port.ResultStore;
import dev.jobs.core.port.ScheduleOperations;
import dev.jobs.core.port.ScheduleView;
import dev.jobs.core.task.TaskDefinition;
import dev.jobs.core.task.TaskRegistry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * What the dashboard reads and does, over the same ports the Actuator endpoint uses: the queue
 * inspector, the dead-letter queue, the result store and its search indexes, the queue pauses
 * and the front door. Every write goes through {@link #audited}: an entry in the shared audit
 * trail, a log line and a count in the meter.
 */
public final class DashboardOperations implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(DashboardOperations.class);

	/** What each argument of a masked job reads as. */
	static final String MASK = "***";

	/** How many times a bulk chunk is tried while some of its entries were not reached. */
	private static final int PASSES = 5;

	private static final Duration PASS_PAUSE = Duration.ofMillis(200);

	private final Ports ports;

	private final BulkActions bulk = new BulkActions();

	private final DeadLetterSnapshots deadLetterSnapshots;

	/** How many budgets of each kind the limits page lists. */
	static final int LISTED_BUDGETS = 100;

	/** How many workflows, and how many batches, the workflows page lists. */
	static final int LISTED_FLOWS = 50;

	/** The overview charts the last hour. */
	static final int THROUGHPUT_MINUTES = 60;

	private final String instance = ManagementFactory.getRuntimeMXBean().getName();

	/**
	 * The operations over the given ports.
	 * @param ports what they read and change
	 */
	public DashboardOperations(Ports ports) {
		this.ports = ports;
		this.deadLetterSnapshots = new DeadLetterSnapshots(this::deadLetters, ports.failuresMaxAge());
	}

	/**
	 * The queues, the dead-letter queue and this instance's worker.
	 * @return the overview, with the error that kept RabbitMQ or Redis from being read
	 */
	public Overview overview() {
		Set<String> paused;
		String redisError = null;
		try {
			paused = this.ports.pauses().paused();
		}
		catch (RuntimeException ex) {
			paused = Set.of();
			redisError = "Redis unreachable: " + ex.getMessage();
		}
		boolean worker = !this.ports.workerQueues().isEmpty() && this.ports.workerRunning().getAsBoolean();
		List<InstanceRegistry.Instance> instances = instances();
		List<JobThroughput.Minute> throughput = throughput();
		try {
			QueueSnapshot snapshot = this.ports.queues().snapshot();
			return new Overview(snapshot.queues(), paused, snapshot.deadLetters().messages(), snapshot.delayed(),
					snapshot.takenAt(), null, redisError, this.ports.workerQueues(), worker, self(), instances,
					throughput);
		}
		catch (RuntimeException ex) {
			return new Overview(List.of(), paused, 0, 0, Instant.now(), "RabbitMQ unreachable: " + ex.getMessage(),
					redisError, this.ports.workerQueues(), worker, self(), instances, throughput);
		}
	}

	/** The counts of the last hour; none while Redis cannot be read. */
	private List<JobThroughput.Minute> throughput() {
		try {
			return this.ports.throughput().lastMinutes(THROUGHPUT_MINUTES);
		}
		catch (RuntimeException ex) {
			return List.of();
		}
	}

	/** The instances that report themselves; none while Redis cannot be read. */
	private List<InstanceRegistry.Instance> instances() {
		try {
			return this.ports.instances().live();
		}
		catch (RuntimeException ex) {
			return List.of();
		}
	}

	private String self() {
		return (this.ports.self() != null) ? this.ports.self() : this.instance;
	}

	/**
	 * The latest read of the dead-letter queue, which no request makes itself
	 * ({@link DeadLetterSnapshots}).
	 */
	DeadLetterSnapshots.Snapshot deadLetterSnapshot() {
		return this.deadLetterSnapshots.current();
	}

	List<FailureGroups.Group> failures() {
		return failures(deadLetterSnapshot());
	}

	List<FailureGroups.Group> failures(DeadLetterSnapshots.Snapshot snapshot) {
		return FailureGroups.marked(snapshot.groups(), resolutions());
	}

	/**
	 * The marks on causes; none while Redis cannot be read, so that the failures page still
	 * shows every group (as open).
	 */
	private Map<String, FailureResolutions.Resolution> resolutions() {
		try {
			return this.ports.resolutions().all();
		}
		catch (RuntimeException ex) {
			logger.warn("Dashboard: the failure resolutions could not be read, every group shows as open: "
					+ ex.getMessage());
			return Map.of();
		}
	}

	void resolve(FailureGroups.Group group, String user) {
		this.ports.resolutions().resolve(group.fingerprint(), new FailureResolutions.Resolution(Instant.now(), user));
		audited(user, "dlq.resolve", group.fingerprint(), group.count());
	}

	boolean reopen(String fingerprint, String user) {
		boolean marked = this.ports.resolutions().reopen(fingerprint);
		if (marked) {
			audited(user, "dlq.reopen", fingerprint, 1);
		}
		return marked;
	}

	private List<DeadLetterEntry> deadLetters() {
		return this.ports.deadLetters().browse(DeadLetterQuery.first(this.ports.groupedEntries()));
	}

	Optional<FailureGroups.Group> group(String fingerprint) {
		return failures().stream().filter((group) -> group.fingerprint().equals(fingerprint)).findFirst();
	}

	List<DeadLetterEntry> entries(FailureGroups.Group group, int limit) {
		Map<String, DeadLetterEntry> read = deadLetterSnapshot().byJobId();
		return group.jobIds()
			.stream()
			.limit(limit)
			.map(read::get)
			.filter(Objects::nonNull)
			.toList();
	}

	/** The job's dead letter as the latest read of the queue has it. */
	Optional<DeadLetterEntry> deadLetter(String jobId) {
		return Optional.ofNullable(deadLetterSnapshot().byJobId().get(jobId));
	}

	/** The job's dead letter as the queue has it now, for a write that must not act on an old read. */
	private Optional<DeadLetterEntry> deadLetterNow(String jobId) {
		return this.ports.deadLetters()
			.browse(DeadLetterQuery.first(this.ports.groupedEntries()).ids(Set.of(jobId)))
			.stream()
			.findFirst();
	}

	BulkActions.Progress replayGroup(FailureGroups.Group group, String user) {
		return this.bulk.start("Replay " + group.count() + " dead letters of " + group.fingerprint(), group.jobIds(),
				(ids) -> untilAllSeen(ids, (query) -> this.ports.deadLetters().replay(query).replayed()),
				(changed) -> audited(user, "dlq.replay", group.fingerprint(), changed));
	}

	BulkActions.Progress deleteGroup(FailureGroups.Group group, String user) {
		return this.bulk.start("Delete " + group.count() + " dead letters of " + group.fingerprint(), group.jobIds(),
				(ids) -> untilAllSeen(ids, this.ports.deadLetters()::purge),
				(changed) -> audited(user, "dlq.delete", group.fingerprint(), changed));
	}

	/**
	 * Acts on the entries of the given ids, again while some were not reached: the messages that
	 * another reader of the dead-letter queue (a page being rendered) has just given back take a
	 * moment to be deliverable again on a quorum queue, and an operation that starts in that moment
	 * does not see them. Entries already acted on are gone, so a pass never acts on one twice.
	 */
	private static int untilAllSeen(List<String> ids, java.util.function.ToIntFunction<DeadLetterQuery> operation) {
		DeadLetterQuery query = DeadLetterQuery.first(ids.size()).ids(Set.copyOf(ids));
		int done = 0;
		for (int pass = 1; pass <= PASSES && done < ids.size(); pass++) {
			if (pass > 1) {
				try {
					Thread.sleep(PASS_PAUSE.toMillis() * pass);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					break;
				}
			}
			done += operation.applyAsInt(query);
		}
		return done;
	}

	Optional<BulkActions.Progress> action(String id) {
		return this.bulk.find(id);
	}

	/**
	 * Replays one dead letter with other arguments: they are checked against the task's parameter
	 * types, enqueued as a new job (confirmed), and only then is the entry removed.
	 * @return the new job's id
	 * @throws IllegalArgumentException if the entry, the task or the arguments do not fit
	 */
	String replayEdited(String jobId, String argsJson, String user) {
		DeadLetterEntry entry = deadLetterNow(jobId)
			.orElseThrow(() -> new IllegalArgumentException("No dead letter of job " + jobId));
		TaskDefinition task = Optional.ofNullable(this.ports.registry())
			.flatMap((registry) -> registry.find(entry.task()))
			.orElseThrow(() -> new IllegalArgumentException("Task '" + entry.task()
					+ "' does not run in this application, so its arguments cannot be checked here"));
		Object[] args;
		try {
			JsonNode json = this.ports.mapper().readTree(argsJson);
			if (!(json instanceof ArrayNode array)) {
				throw new IllegalArgumentException("The arguments must be a JSON array, one element per parameter of "
						+ task.declaration());
			}
			args = task.codec().decode(array);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Not JSON: " + ex.getOriginalMessage());
		}
		catch (ArgumentMismatchException ex) {
			throw new IllegalArgumentException(ex.getMessage());
		}
		String newId = this.ports.jobs().enqueue(task.name(), args).id();
		this.ports.deadLetters().purge(DeadLetterQuery.first(1).ids(Set.of(jobId)));
		audited(user, "dlq.edit-replay", jobId + " -> " + newId, 1);
		return newId;
	}

	JobSearch.Page search(JobSearch.Query query) {
		return this.ports.search().search(query);
	}

	Optional<ResultRecord> job(String id) {
		return this.ports.results().find(id);
	}

	Optional<Progress> progress(String id) {
		return this.ports.results().progress(id);
	}

	void cancel(String id, String user) {
		this.ports.jobs().cancel(id);
		audited(user, "job.cancel", id, 1);
	}

	int retry(String id, String user) {
		int replayed = this.ports.deadLetters().replay(DeadLetterQuery.first(1).ids(Set.of(id))).replayed();
		audited(user, "job.retry", id, replayed);
		return replayed;
	}

	int delete(String id, String user) {
		int removed = this.ports.deadLetters().purge(DeadLetterQuery.first(1).ids(Set.of(id)));
		audited(user, "job.delete", id, removed);
		return removed;
	}

	void pause(String queue, boolean paused, String user) {
		this.ports.pauses().set(queue, paused);
		audited(user, paused ? "queue.pause" : "queue.resume", queue, 1);
	}

	List<ScheduleView> schedules() {
		return this.ports.schedules().schedules();
	}

	Optional<String> triggerSchedule(String name, String user) {
		Optional<String> jobId = this.ports.schedules().trigger(name);
		jobId.ifPresent((id) -> audited(user, "schedule.trigger", name + " -> " + id, 1));
		return jobId;
	}

	boolean pauseSchedule(String name, boolean paused, String user) {
		boolean known = this.ports.schedules().pause(name, paused);
		if (known) {
			audited(user, paused ? "schedule.pause" : "schedule.resume", name, 1);
		}
		return known;
	}

	/** The newest workflows and batches; none, and why, while Redis cannot be read. */
	WorkflowsPage.Listing workflows() {
		try {
			return new WorkflowsPage.Listing(this.ports.flows().workflows(LISTED_FLOWS),
					this.ports.flows().batches(LISTED_FLOWS), null);
		}
		catch (RuntimeException ex) {
			return new WorkflowsPage.Listing(List.of(), List.of(), "Redis unreachable: " + ex.getMessage());
		}
	}

	/** The limited tasks and the shared budgets used lately; no budgets, and why, while Redis cannot be read. */
	LimitsPage.Listing limits() {
		List<TaskDefinition> limited = (this.ports.registry() != null) ? this.ports.registry()
			.localTasks()
			.stream()
			.filter((task) -> task.keys().rateLimit() != null || task.keys().concurrency() != null)
			.toList() : List.of();
		try {
			return new LimitsPage.Listing(limited, this.ports.limits().recent(LimitsPage.RECENT, LISTED_BUDGETS), null);
		}
		catch (RuntimeException ex) {
			return new LimitsPage.Listing(limited, List.of(), "Redis unreachable: " + ex.getMessage());
		}
	}

	List<AuditTrail.Entry> audit(int limit) {
		return this.ports.audit().latest(limit);
	}

	/**
	 * A job's arguments as the user may see them: masked for a task that masks its arguments
	 * or a user who may not see them, otherwise the JSON.
	 */
	Object args(String task, JsonNode args, boolean show) {
		if (args == null) {
			return null;
		}
		if (!show || (task != null && this.ports.maskedArgs().test(task))) {
			return args.isArray() ? Collections.nCopies(args.size(), MASK) : MASK;
		}
		return args;
	}

	private void audited(String user, String action, String target, int count) {
		AuditTrail.Entry entry = new AuditTrail.Entry(Instant.now(), user, action, target, count, this.instance);
		logger.info("Dashboard: " + user + " did " + action + " on " + target + " (" + count + " changed, instance "
				+ this.instance + ")");
		this.ports.meter().count(action);
		this.deadLetterSnapshots.changed();
		try {
			this.ports.audit().record(entry);
		}
		catch (RuntimeException ex) {
			logger.warn("Dashboard: the audit entry of " + action + " on " + target + " by " + user
					+ " could not be stored: " + ex.getMessage());
		}
	}

	@Override
	public void close() {
		this.deadLetterSnapshots.close();
		this.bulk.close();
	}

	/**
	 * Counts the dashboard's writes, by action ({@code jobs.dashboard.actions} in Micrometer).
	 */
	@FunctionalInterface
	public interface ActionMeter {

		/** Counts nothing. */
		ActionMeter NONE = (action) -> {
		};

		/**
		 * Counts one write.
		 * @param action such as {@code dlq.replay}
		 */
		void count(String action);

	}

	/**
	 * What the dashboard reads and changes.
	 *
	 * @param queues reads the broker's queues
	 * @param deadLetters the dead-letter queue
	 * @param pauses the paused queues
	 * @param results the job records
	 * @param search finds job records by status and task
	 * @param audit keeps operators' writes
	 * @param jobs the front door, for cancels and edited replays
	 * @param registry the tasks this application runs, whose parameter types check edited
	 * arguments; {@code null} for none
	 * @param mapper reads edited arguments
	 * @param workerQueues the job queues this instance consumes
	 * @param workerRunning whether this instance's worker is consuming
	 * @param maskedArgs whether a task's arguments are always shown masked, by task name
	 * @param meter counts the writes
	 * @param groupedEntries how many dead letters are read to group them, 1 to
	 * {@value DeadLetterQuery#MAX_LIMIT}
	 * @param schedules the application's schedules
	 * @param resolutions the causes of failure marked resolved
	 * @param instances the instances that report themselves
	 * @param self this instance's id in the registry, or {@code null} when it reports nothing
	 * @param throughput the jobs enqueued, succeeded and failed a minute
	 * @param failuresMaxAge how old a read of the dead-letter queue the pages may show before a
	 * request starts another
	 * @param flows the newest workflows and batches
	 * @param limits the shared rate-limit and concurrency budgets in use
	 */
	public record Ports(QueueInspector queues, DeadLetterQueue deadLetters, QueuePauses pauses, ResultStore results,
			JobSearch search, AuditTrail audit, Jobs jobs, TaskRegistry registry, JsonMapper mapper,
			List<String> workerQueues, BooleanSupplier workerRunning, Predicate<String> maskedArgs, ActionMeter meter,
			int groupedEntries, ScheduleOperations schedules, FailureResolutions resolutions,
			InstanceRegistry instances, String self, JobThroughput throughput, Duration failuresMaxAge,
			RecentFlows flows, LimitUsage limits) {

	}

	/**
	 * The overview page's numbers.
	 *
	 * @param queues every job queue
	 * @param paused the job queues paused on every instance
	 * @param deadLetters messages in the dead-letter queue
	 * @param delayed jobs waiting in the delay levels
	 * @param readAt when the numbers were read
	 * @param rabbitError why RabbitMQ could not be read, or {@code null}
	 * @param redisError why Redis could not be read, or {@code null}
	 * @param workerQueues the job queues this instance consumes
	 * @param workerRunning whether this instance's worker consumes now
	 * @param instance this instance: its id in the registry, else {@code pid@host}
	 * @param instances every instance that reports itself, this one included; empty when none
	 * does or Redis cannot be read
	 * @param throughput the jobs enqueued, succeeded and failed in each minute of the last hour,
	 * oldest first; empty when no counters are kept or Redis cannot be read
	 */
	public record Overview(List<QueueStats> queues, Set<String> paused, long deadLetters, long delayed,
			Instant readAt, String rabbitError, String redisError, List<String> workerQueues, boolean workerRunning,
			String instance, List<InstanceRegistry.Instance> instances, List<JobThroughput.Minute> throughput) {

	}

}
