package dev.jobs.actuate.endpoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import dev.jobs.actuate.metrics.JobCounters;
import dev.jobs.core.port.DeadLetterEntry;
import dev.jobs.core.port.DeadLetterQuery;
import dev.jobs.core.port.CircuitBreakers;
import dev.jobs.core.port.DeadLetterQueue;
import dev.jobs.core.port.QueueInspector;
import dev.jobs.core.port.QueueSnapshot;
import dev.jobs.core.port.ReplayResult;
import dev.jobs.core.port.QueuePauses;
import dev.jobs.core.port.ScheduleOperations;
import dev.jobs.core.port.ScheduleView;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.Sanitizer;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@link Endpoint @Endpoint} for background jobs: how full the queues are, what this instance
 * did since it started, and the dead-letter queue. The dead-letter operations are exposed over
 * HTTP by {@link JobsEndpointWebExtension}; job arguments are sanitized unless the caller may
 * see them, since they often carry personal data.
 */
@Endpoint(id = "jobs")
public class JobsEndpoint {

	/** What each argument of a task with masked arguments reads as. */
	static final String MASK = "***";

	private final QueueInspector queues;

	private final DeadLetterQueue deadLetters;

	private final JobCounters counters;

	private final List<String> workerQueues;

	private final BooleanSupplier workerRunning;

	private final Sanitizer sanitizer;

	private final ScheduleOperations schedules;

	private final QueueControl queueControl;

	private final Predicate<String> maskedArgs;

	private final BreakerControl breakers;

	/**
	 * An endpoint over the given ports.
	 * @param queues reads the broker's queues
	 * @param deadLetters the dead-letter queue
	 * @param counters what this instance did since it started
	 * @param workerQueues the job queues this instance consumes
	 * @param workerRunning whether this instance's worker is consuming
	 * @param sanitizingFunctions applied to job arguments that are shown
	 * @param schedules the application's schedules
	 */
	public JobsEndpoint(QueueInspector queues, DeadLetterQueue deadLetters, JobCounters counters,
			List<String> workerQueues, BooleanSupplier workerRunning, Iterable<SanitizingFunction> sanitizingFunctions,
			ScheduleOperations schedules) {
		this(queues, deadLetters, counters, workerQueues, workerRunning, sanitizingFunctions, schedules,
				QueueControl.NONE);
	}

	/**
	 * An endpoint over the given ports, which can pause queues.
	 * @param queues reads the broker's queues
	 * @param deadLetters the dead-letter queue
	 * @param counters what this instance did since it started
	 * @param workerQueues the job queues this instance consumes
	 * @param workerRunning whether this instance's worker is consuming
	 * @param sanitizingFunctions applied to job arguments that are shown
	 * @param schedules the application's schedules
	 * @param queueControl the paused queues, and which queues exist
	 */
	public JobsEndpoint(QueueInspector queues, DeadLetterQueue deadLetters, JobCounters counters,
			List<String> workerQueues, BooleanSupplier workerRunning, Iterable<SanitizingFunction> sanitizingFunctions,
			ScheduleOperations schedules, QueueControl queueControl) {
		this(queues, deadLetters, counters, workerQueues, workerRunning, sanitizingFunctions, schedules, queueControl,
				(task) -> false);
	}

	/**
	 * An endpoint over the given ports, which can pause queues and masks the arguments of some
	 * tasks.
	 * @param queues reads the broker's queues
	 * @param deadLetters the dead-letter queue
	 * @param counters what this instance did since it started
	 * @param workerQueues the job queues this instance consumes
	 * @param workerRunning whether this instance's worker is consuming
	 * @param sanitizingFunctions applied to job arguments that are shown
	 * @param schedules the application's schedules
	 * @param queueControl the paused queues, and which queues exist
	 * @param maskedArgs whether a task's arguments are always shown masked, by task name
	 * ({@code jobs.tasks.<name>.mask-args}, {@code @BackgroundTask(maskArgs = true)})
	 */
	public JobsEndpoint(QueueInspector queues, DeadLetterQueue deadLetters, JobCounters counters,
			List<String> workerQueues, BooleanSupplier workerRunning, Iterable<SanitizingFunction> sanitizingFunctions,
			ScheduleOperations schedules, QueueControl queueControl, Predicate<String> maskedArgs) {
		this(queues, deadLetters, counters, workerQueues, workerRunning, sanitizingFunctions, schedules, queueControl,
				maskedArgs, BreakerControl.NONE);
	}

	/**
	 * An endpoint over the given ports, which can pause queues, masks the arguments of some tasks
	 * and shows and opens or closes the circuit breakers of tasks.
	 * @param queues reads the broker's queues
	 * @param deadLetters the dead-letter queue
	 * @param counters what this instance did since it started
	 * @param workerQueues the job queues this instance consumes
	 * @param workerRunning whether this instance's worker is consuming
	 * @param sanitizingFunctions applied to job arguments that are shown
	 * @param schedules the application's schedules
	 * @param queueControl the paused queues, and which queues exist
	 * @param maskedArgs whether a task's arguments are always shown masked, by task name
	 * @param breakers the circuit breakers, and which tasks have one
	 */
	public JobsEndpoint(QueueInspector queues, DeadLetterQueue deadLetters, JobCounters counters,
			List<String> workerQueues, BooleanSupplier workerRunning, Iterable<SanitizingFunction> sanitizingFunctions,
			ScheduleOperations schedules, QueueControl queueControl, Predicate<String> maskedArgs,
			BreakerControl breakers) {
		this.breakers = breakers;
		this.maskedArgs = maskedArgs;
		this.queues = queues;
		this.deadLetters = deadLetters;
		this.counters = counters;
		this.workerQueues = List.copyOf(workerQueues);
		this.workerRunning = workerRunning;
		this.sanitizer = new Sanitizer(sanitizingFunctions);
		this.schedules = schedules;
		this.queueControl = queueControl;
	}

	/**
	 * The queues, the dead-letter queue, the delay levels, this instance's totals and worker, and
	 * the schedules.
	 * @return the overview
	 */
	@ReadOperation
	public JobsDescriptor jobs() {
		WorkerDescriptor worker = new WorkerDescriptor(this.workerQueues,
				!this.workerQueues.isEmpty() && this.workerRunning.getAsBoolean());
		List<ScheduleView> scheduleViews = this.schedules.schedules();
		List<String> paused = pausedQueues();
		QueueSnapshot snapshot;
		try {
			snapshot = this.queues.snapshot();
		}
		catch (RuntimeException ex) {
			return new JobsDescriptor(List.of(), null, null, null, null, "RabbitMQ unreachable: " + ex.getMessage(),
					this.counters.totals(), worker, scheduleViews, paused, this.breakers.states());
		}
		List<QueueDescriptor> queues = snapshot.queues()
			.stream()
			.map((queue) -> new QueueDescriptor(queue.name(), queue.ready(), queue.unacked(), queue.consumers()))
			.toList();
		return new JobsDescriptor(queues, snapshot.deadLetters().messages(), snapshot.delayed(),
				snapshot.source().name(), snapshot.takenAt(), null, this.counters.totals(), worker, scheduleViews,
				paused, this.breakers.states());
	}

	private List<String> pausedQueues() {
		try {
			return this.queueControl.pauses().paused().stream().sorted().toList();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/**
	 * Pauses or resumes a job queue on every instance: a paused queue's consumers take no new
	 * jobs (those running finish), and enqueues to it still work.
	 * @param queue the job queue
	 * @param paused whether to pause it
	 * @return what was done, or empty if this application declares no such queue
	 */
	public Optional<QueueActionDescriptor> pauseQueue(String queue, boolean paused) {
		if (!this.queueControl.declared().test(queue)) {
			return Optional.empty();
		}
		this.queueControl.pauses().set(queue, paused);
		return Optional.of(new QueueActionDescriptor(queue, paused ? "pause" : "resume"));
	}

	/**
	 * Opens a task's circuit breaker on every instance until it is closed by hand, or closes it
	 * and forgets the attempts it counted.
	 * @param task the task
	 * @param open whether to open it
	 * @return what was done and the breaker's state now, or empty if the task has no breaker
	 */
	public Optional<BreakerActionDescriptor> forceBreaker(String task, boolean open) {
		if (!this.breakers.tasks().contains(task)) {
			return Optional.empty();
		}
		this.breakers.breakers().force(task, open);
		return Optional.of(new BreakerActionDescriptor(task, open ? "open" : "close",
				this.breakers.breakers().state(task).name()));
	}

	/**
	 * Enqueues one job of a schedule now, outside its slots.
	 * @param schedule the schedule's name
	 * @return the job, or empty if there is no such schedule
	 */
	public Optional<ScheduleActionDescriptor> triggerSchedule(String schedule) {
		return this.schedules.trigger(schedule).map((jobId) -> new ScheduleActionDescriptor(schedule, "trigger", jobId));
	}

	/**
	 * Pauses or resumes a schedule on every instance.
	 * @param schedule the schedule's name
	 * @param paused whether it stops firing
	 * @return what was done, or empty if there is no such schedule
	 */
	public Optional<ScheduleActionDescriptor> pauseSchedule(String schedule, boolean paused) {
		return this.schedules.pause(schedule, paused)
				? Optional.of(new ScheduleActionDescriptor(schedule, paused ? "pause" : "resume", null))
				: Optional.empty();
	}

	/**
	 * Dead-letter entries, left in the queue.
	 * @param query which entries
	 * @param showUnsanitized whether job arguments may be shown
	 * @return the entries
	 */
	public DeadLettersDescriptor deadLetters(DeadLetterQuery query, boolean showUnsanitized) {
		List<DeadLetterDescriptor> entries = this.deadLetters.browse(query)
			.stream()
			.map((entry) -> describe(entry, showUnsanitized))
			.toList();
		return new DeadLettersDescriptor(entries);
	}

	/**
	 * Replays dead-letter entries.
	 * @param query which entries
	 * @return what was done
	 */
	public ReplayDescriptor replay(DeadLetterQuery query) {
		ReplayResult result = this.deadLetters.replay(query);
		return new ReplayDescriptor(result.replayed(), result.skipped());
	}

	/**
	 * Removes dead-letter entries.
	 * @param query which entries, naming a task, a queue or ids
	 * @return what was done
	 */
	public PurgeDescriptor purge(DeadLetterQuery query) {
		return new PurgeDescriptor(this.deadLetters.purge(query));
	}

	private DeadLetterDescriptor describe(DeadLetterEntry entry, boolean showUnsanitized) {
		Object args;
		if (entry.args() == null) {
			args = null;
		}
		else if (entry.task() != null && this.maskedArgs.test(entry.task())) {
			args = masked(entry.args());
		}
		else {
			args = this.sanitizer.sanitize(new SanitizableData(null, "args", plain(entry.args())), showUnsanitized);
		}
		return new DeadLetterDescriptor(entry.jobId(), entry.task(), entry.queue(), args, entry.attempts(),
				entry.errorType(), entry.errorMessage(), entry.stackTrace(), entry.firstFailedAt(),
				entry.lastFailedAt(), (entry.reason() != null) ? entry.reason().name() : null, entry.replays(),
				entry.position(), entry.original().messageId(), entry.original().correlationId(),
				entry.original().appId(), entry.original().timestamp());
	}

	/** One {@value #MASK} per argument: how many there were, and nothing of what they were. */
	private static Object masked(JsonNode args) {
		return args.isArray() ? Collections.nCopies(args.size(), MASK) : MASK;
	}

	/**
	 * The JSON as plain Java values (maps, lists, strings, numbers, booleans), so that any JSON
	 * writer renders it and sanitizing functions can read it. Numbers keep their exact value.
	 */
	private static Object plain(JsonNode node) {
		if (node.isObject()) {
			Map<String, Object> map = new LinkedHashMap<>();
			node.properties().forEach((field) -> map.put(field.getKey(), plain(field.getValue())));
			return map;
		}
		if (node.isArray()) {
			List<Object> list = new ArrayList<>(node.size());
			node.values().forEach((element) -> list.add(plain(element)));
			return list;
		}
		if (node.isNumber()) {
			return node.numberValue();
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		return node.isNull() ? null : node.asString();
	}

	/**
	 * The overview of background jobs.
	 *
	 * @param queues every job queue
	 * @param deadLetters messages in the dead-letter queue
	 * @param delayed jobs waiting in the delay levels
	 * @param source where the queue numbers come from: {@code MANAGEMENT_API} or {@code AMQP}
	 * (no unacknowledged counts)
	 * @param readAt when the queue numbers were read
	 * @param error why the queue numbers are missing, when RabbitMQ could not be read
	 * @param totals what this instance did since it started
	 * @param worker this instance's worker
	 * @param schedules every schedule, with its shared record
	 * @param pausedQueues the job queues paused on every instance, or {@code null} if Redis could
	 * not be read
	 * @param circuitBreakers the state of each task's circuit breaker ({@code CLOSED},
	 * {@code OPEN}, {@code HALF_OPEN}, {@code FORCED_OPEN}) by task, or {@code null} if Redis could
	 * not be read
	 */
	public record JobsDescriptor(List<QueueDescriptor> queues, Long deadLetters, Long delayed, String source,
			Instant readAt, String error, JobCounters.Totals totals, WorkerDescriptor worker,
			List<ScheduleView> schedules, List<String> pausedQueues, Map<String, String> circuitBreakers)
			implements OperationResponseBody {

	}

	/**
	 * What an operator did to a task's circuit breaker.
	 *
	 * @param task the task
	 * @param action {@code open} or {@code close}
	 * @param state the breaker's state after it
	 */
	public record BreakerActionDescriptor(String task, String action, String state) implements OperationResponseBody {

	}

	/**
	 * The circuit breakers of tasks, and which tasks have one.
	 *
	 * @param breakers the breakers, shared by every instance
	 * @param tasks the tasks with a breaker
	 */
	public record BreakerControl(CircuitBreakers breakers, Set<String> tasks) {

		/** No task has a breaker. */
		public static final BreakerControl NONE = new BreakerControl(null, Set.of());

		/**
		 * The state of each breaker, by task.
		 * @return the states, or {@code null} if the store could not be read
		 */
		Map<String, String> states() {
			Map<String, String> states = new TreeMap<>();
			try {
				this.tasks.forEach((task) -> states.put(task, this.breakers.state(task).name()));
			}
			catch (RuntimeException ex) {
				return null;
			}
			return states;
		}

	}

	/**
	 * What an operator did to a job queue.
	 *
	 * @param queue the job queue
	 * @param action {@code pause} or {@code resume}
	 */
	public record QueueActionDescriptor(String queue, String action) implements OperationResponseBody {

	}

	/**
	 * The paused queues and which queues may be paused.
	 *
	 * @param pauses the paused queues, shared by every instance
	 * @param declared whether this application declares a job queue of that name
	 */
	public record QueueControl(QueuePauses pauses, Predicate<String> declared) {

		/** No queue can be paused, and none is. */
		public static final QueueControl NONE = new QueueControl(new QueuePauses() {
			@Override
			public Set<String> paused() {
				return Set.of();
			}

			@Override
			public void set(String queue, boolean paused) {
				throw new UnsupportedOperationException("No store for queue pauses");
			}
		}, (queue) -> false);

	}

	/**
	 * What an operator did to a schedule.
	 *
	 * @param schedule the schedule's name
	 * @param action {@code trigger}, {@code pause} or {@code resume}
	 * @param jobId the job a trigger enqueued, or {@code null}
	 */
	public record ScheduleActionDescriptor(String schedule, String action, String jobId)
			implements OperationResponseBody {

	}

	/**
	 * One job queue, across all instances.
	 *
	 * @param name the job queue name
	 * @param ready jobs waiting
	 * @param unacked jobs delivered to workers and not yet settled, or {@code null} when the
	 * management API is unavailable
	 * @param consumers consumers attached
	 */
	public record QueueDescriptor(String name, long ready, Long unacked, int consumers) {

	}

	/**
	 * This instance's worker.
	 *
	 * @param queues the job queues it consumes; empty for a producer only
	 * @param running whether it is consuming now
	 */
	public record WorkerDescriptor(List<String> queues, boolean running) {

	}

	/**
	 * Entries of the dead-letter queue.
	 *
	 * @param entries the entries, in queue order
	 */
	public record DeadLettersDescriptor(List<DeadLetterDescriptor> entries) implements OperationResponseBody {

	}

	/**
	 * One dead-letter entry; see {@code docs/operations.md} for each field.
	 *
	 * @param jobId the job id
	 * @param task the task name
	 * @param queue the job queue it came from
	 * @param args the arguments, or {@code "******"} unless they may be shown
	 * @param attempts how many attempts ran
	 * @param errorType class name of the final exception
	 * @param errorMessage the final error's message
	 * @param stackTrace a trimmed stack trace
	 * @param firstFailedAt when the job first failed
	 * @param lastFailedAt when it was dead-lettered
	 * @param reason why it was dead-lettered
	 * @param replays how many times it was replayed before
	 * @param position where it was in the dead-letter queue when read, 0 for the head
	 * @param messageId the original message's id
	 * @param correlationId the original message's correlation id
	 * @param appId the original message's application id
	 * @param timestamp the original message's timestamp
	 */
	public record DeadLetterDescriptor(String jobId, String task, String queue, Object args, int attempts,
			String errorType, String errorMessage, String stackTrace, Instant firstFailedAt, Instant lastFailedAt,
			String reason, int replays, int position, String messageId, String correlationId, String appId,
			Instant timestamp) {

	}

	/**
	 * The result of a replay.
	 *
	 * @param replayed entries sent back to their job queue and removed from the dead-letter
	 * queue
	 * @param skipped matching entries left in place; the log says why
	 */
	public record ReplayDescriptor(int replayed, int skipped) implements OperationResponseBody {

	}

	/**
	 * The result of a purge.
	 *
	 * @param purged entries removed for good
	 */
	public record PurgeDescriptor(int purged) implements OperationResponseBody {

	}

}
