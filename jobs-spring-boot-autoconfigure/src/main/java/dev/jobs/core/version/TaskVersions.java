package dev.jobs.core.version;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.jobs.TaskUpcaster;
import dev.jobs.core.envelope.FailureText;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.task.TaskDefinition;
import dev.jobs.core.task.TaskDefinitionException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * The versions of task signatures and the upcasters between them. A job carries the version its
 * arguments were written for ({@code taskVersion}, absent = 1); before a worker decodes them:
 * <ol>
 * <li>a job of the task's current version goes on unchanged, at the cost of one comparison;</li>
 * <li>a job of an older version is upcast one step at a time by the user's {@link TaskUpcaster}s
 * (1 to 2, then 2 to 3), and goes on as a job of the current version, so that a retry of it is
 * not upcast again and a worker still on the old version leaves it alone;</li>
 * <li>a job of a newer version (the producer was deployed first, or a rolling deploy has not
 * reached this instance) is {@link VersionCheck.Newer}: put off without spending an attempt
 * until an instance that knows its version takes it, and {@link VersionCheck.Unknown}
 * ({@code VERSION_UNKNOWN}) once {@code maxWait} has passed since its enqueue;</li>
 * <li>an older job without an upcaster path, or whose upcaster fails, is
 * {@link VersionCheck.Unknown} at once: it is bad input for this worker.</li>
 * </ol>
 * {@link #verify} makes start-up fail while a task's version rises without a path from every
 * version the {@linkplain VersionSettings#window() window} keeps.
 */
public final class TaskVersions {

	private final Map<String, Map<Integer, TaskUpcaster>> upcasters = new HashMap<>();

	private final JsonMapper mapper;

	private final VersionSettings settings;

	/**
	 * Versions with the given upcasters.
	 * @param upcasters the user's upcasters, one per task and version
	 * @param mapper the job JSON mapper, which turns arguments into plain values and back
	 * @param settings the window and the bound on waiting
	 * @throws TaskDefinitionException if two upcasters start from the same version of a task
	 */
	public TaskVersions(Collection<TaskUpcaster> upcasters, JsonMapper mapper, VersionSettings settings) {
		this.mapper = mapper;
		this.settings = settings;
		for (TaskUpcaster upcaster : upcasters) {
			TaskUpcaster twin = this.upcasters.computeIfAbsent(upcaster.task(), (task) -> new HashMap<>())
				.putIfAbsent(upcaster.fromVersion(), upcaster);
			if (twin != null) {
				throw new TaskDefinitionException("Two TaskUpcaster beans upcast task '" + upcaster.task()
						+ "' from version " + upcaster.fromVersion() + " (" + twin + " and " + upcaster
						+ "); keep one", null);
			}
		}
	}

	/**
	 * Versions without upcasters, with the default settings: a job of another version than its
	 * task's never runs.
	 * @return the versions
	 */
	public static TaskVersions withoutUpcasters() {
		return new TaskVersions(List.of(), null, VersionSettings.DEFAULTS);
	}

	/**
	 * Checks that every task can upcast each version its window keeps to its current one.
	 * @param tasks the tasks this application runs
	 * @throws TaskDefinitionException naming the task and the first missing step, or an
	 * upcaster from a version the task has not reached
	 */
	public void verify(Collection<TaskDefinition> tasks) {
		for (TaskDefinition task : tasks) {
			Map<Integer, TaskUpcaster> steps = this.upcasters.getOrDefault(task.name(), Map.of());
			for (int from = this.settings.oldestKept(task.version()); from < task.version(); from++) {
				if (!steps.containsKey(from)) {
					throw new TaskDefinitionException("Task '" + task.name() + "' is at version " + task.version()
							+ " (" + task.declaration() + ") but no TaskUpcaster brings its jobs from version " + from
							+ " to " + (from + 1) + ". Declare a bean TaskUpcaster.of(\"" + task.name() + "\", " + from
							+ ", args -> ...), or narrow jobs.versions.window once no job of version " + from
							+ " can be left (see docs/rolling-deploys.md)", null);
				}
			}
			steps.keySet().stream().filter((from) -> from >= task.version()).findFirst().ifPresent((from) -> {
				throw new TaskDefinitionException("A TaskUpcaster upcasts task '" + task.name() + "' from version "
						+ from + " but the task is at version " + task.version() + " (" + task.declaration()
						+ "); raise @BackgroundTask(version) to " + (from + 1) + " or remove the upcaster", null);
			});
		}
	}

	/**
	 * What to do with a job, given the version it was written for.
	 * @param envelope the job
	 * @param task its task as this worker runs it
	 * @param now the current instant
	 * @return the job to run, upcast if need be, or why it does not run here
	 */
	public VersionCheck check(JobEnvelope envelope, TaskDefinition task, Instant now) {
		int version = envelope.keys().taskVersion();
		if (version == task.version()) {
			return new VersionCheck.Current(envelope);
		}
		if (version > task.version()) {
			return newer(envelope, task, now);
		}
		return upcast(envelope, task);
	}

	private VersionCheck newer(JobEnvelope envelope, TaskDefinition task, Instant now) {
		Instant deadline = envelope.enqueuedAt().plus(this.settings.maxWait());
		if (now.isAfter(deadline)) {
			return new VersionCheck.Unknown("Job " + envelope.id() + " of task '" + envelope.task() + "' was written"
					+ " for version " + envelope.keys().taskVersion() + " of the task, and no worker of that version"
					+ " took it within jobs.versions.max-wait (" + this.settings.maxWait() + ") of its enqueue; this"
					+ " worker runs version " + task.version() + ". Dead-lettered (reason: VERSION_UNKNOWN): replay it"
					+ " once a worker of version " + envelope.keys().taskVersion() + " runs");
		}
		Duration delay = this.settings.deferDelay();
		Duration left = Duration.between(now, deadline);
		// Looked at once more at the deadline, so the bound is kept to about the defer delay.
		return new VersionCheck.Newer((left.compareTo(delay) < 0) ? left.plusMillis(1) : delay);
	}

	private VersionCheck upcast(JobEnvelope envelope, TaskDefinition task) {
		Map<Integer, TaskUpcaster> steps = this.upcasters.getOrDefault(task.name(), Map.of());
		ArrayNode args = envelope.args();
		for (int from = envelope.keys().taskVersion(); from < task.version(); from++) {
			TaskUpcaster step = steps.get(from);
			if (step == null) {
				return new VersionCheck.Unknown("Job " + envelope.id() + " of task '" + task.name() + "' was written"
						+ " for version " + envelope.keys().taskVersion() + " of the task, and no TaskUpcaster brings"
						+ " version " + from + " to " + (from + 1) + " (this worker runs version " + task.version()
						+ "). Dead-lettered (reason: VERSION_UNKNOWN): declare the upcaster, then replay it");
			}
			try {
				args = upcastOnce(step, args);
			}
			catch (RuntimeException ex) {
				return new VersionCheck.Unknown("Job " + envelope.id() + " of task '" + task.name() + "': its"
						+ " TaskUpcaster from version " + from + " to " + (from + 1) + " failed ("
						+ FailureText.cap(ex.getClass().getName() + ": " + ex.getMessage(), 300)
						+ "). Dead-lettered (reason: VERSION_UNKNOWN): fix the upcaster, then replay it");
			}
		}
		JobEnvelope upcast = new JobEnvelope(envelope.id(), envelope.task(), envelope.queue(), args,
				envelope.attempt(), envelope.enqueuedAt(), envelope.expiresAt(), envelope.replays(), envelope.eta(),
				envelope.firstFailedAt(), envelope.keys().taskVersion(task.version()), envelope.trace());
		return new VersionCheck.Current(upcast);
	}

	@SuppressWarnings("unchecked")
	private ArrayNode upcastOnce(TaskUpcaster step, ArrayNode args) {
		List<Object> values = new ArrayList<>(this.mapper.convertValue(args, List.class));
		List<Object> next = step.upcast(values);
		if (next == null) {
			throw new IllegalStateException("the upcaster returned null instead of the arguments");
		}
		JsonNode json = this.mapper.valueToTree(next);
		return (ArrayNode) json;
	}

}
