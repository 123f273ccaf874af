package dev.jobs.core.version;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.jobs.TaskUpcaster;
import dev.jobs.core.envelope.ArgumentCodec;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.envelope.JobKeys;
import dev.jobs.core.envelope.JobsJsonMapper;
import dev.jobs.core.retry.RetryPolicy;
import dev.jobs.core.task.TaskDefinition;
import dev.jobs.core.task.TaskDefinitionException;
import dev.jobs.core.task.TaskKeys;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A job reaches its task method with the task's current parameters: older jobs are upcast step by
 * step, newer ones wait for a worker that knows them, for a while, and a task whose version rose
 * without a path from the versions kept does not start.
 */
class TaskVersionsTests {

	private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

	private final JsonMapper mapper = JobsJsonMapper.create();

	private final VersionSettings settings = new VersionSettings(0, Duration.ofSeconds(30), Duration.ofHours(1));

	/** Version 2 split the name; version 3 added a channel. */
	private final List<TaskUpcaster> upcasters = List.of(TaskUpcaster.of("notify", 1, (args) -> {
		String[] name = ((String) args.get(0)).split(" ", 2);
		return new ArrayList<>(List.of(name[0], name[1]));
	}), TaskUpcaster.of("notify", 2, (args) -> {
		args.add(Map.of("kind", "email"));
		return args;
	}));

	@Test
	void upcastsAJobOfVersion1ThroughEachStepToTheCurrentVersion() {
		TaskVersions versions = new TaskVersions(this.upcasters, this.mapper, this.settings);

		VersionCheck check = versions.check(job(1, "[\"Ada Lovelace\"]", NOW), task(3), NOW);

		JobEnvelope upcast = ((VersionCheck.Current) check).envelope();
		assertThat(upcast.args()).isEqualTo(this.mapper.readTree("[\"Ada\", \"Lovelace\", {\"kind\": \"email\"}]"));
		assertThat(upcast.keys().taskVersion()).isEqualTo(3);
	}

	@Test
	void leavesAJobOfTheCurrentVersionAsItIs() {
		TaskVersions versions = new TaskVersions(this.upcasters, this.mapper, this.settings);
		JobEnvelope job = job(3, "[\"Ada\", \"Lovelace\", null]", NOW);

		assertThat(versions.check(job, task(3), NOW)).isEqualTo(new VersionCheck.Current(job));
	}

	@Test
	void putsOffANewerJobUntilItsWaitRunsOutThenGivesUpOnIt() {
		TaskVersions versions = new TaskVersions(this.upcasters, this.mapper, this.settings);
		JobEnvelope job = job(4, "[]", NOW);

		assertThat(versions.check(job, task(3), NOW)).isEqualTo(new VersionCheck.Newer(Duration.ofSeconds(30)));
		assertThat(versions.check(job, task(3), NOW.plus(Duration.ofMinutes(59)).plusSeconds(50)))
			.isEqualTo(new VersionCheck.Newer(Duration.ofSeconds(10).plusMillis(1)));
		assertThat(versions.check(job, task(3), NOW.plus(Duration.ofHours(1)).plusSeconds(1)))
			.isInstanceOfSatisfying(VersionCheck.Unknown.class, (unknown) -> assertThat(unknown.detail())
				.contains("version 4").contains("jobs.versions.max-wait").contains("VERSION_UNKNOWN"));
	}

	@Test
	void givesUpOnAnOlderJobWithoutAPathOrWhoseUpcasterFails() {
		TaskVersions failing = new TaskVersions(List.of(TaskUpcaster.of("notify", 2, (args) -> {
			throw new IllegalStateException("no channel for " + args.size());
		})), this.mapper, this.settings);

		assertThat(failing.check(job(1, "[\"Ada Lovelace\"]", NOW), task(3), NOW))
			.isInstanceOfSatisfying(VersionCheck.Unknown.class, (unknown) -> assertThat(unknown.detail())
				.contains("no TaskUpcaster brings version 1 to 2"));
		assertThat(failing.check(job(2, "[\"Ada\", \"Lovelace\"]", NOW), task(3), NOW))
			.isInstanceOfSatisfying(VersionCheck.Unknown.class, (unknown) -> assertThat(unknown.detail())
				.contains("from version 2 to 3 failed").contains("no channel for 2"));
	}

	@Test
	void startUpFailsNamingTheTaskAndTheFirstMissingStepOfTheWindow() {
		TaskVersions onlyTheLast = new TaskVersions(List.of(this.upcasters.get(1)), this.mapper, this.settings);

		assertThatExceptionOfType(TaskDefinitionException.class)
			.isThrownBy(() -> onlyTheLast.verify(List.of(task(3))))
			.withMessageContaining("Task 'notify' is at version 3")
			.withMessageContaining("from version 1 to 2");
		new TaskVersions(List.of(this.upcasters.get(1)), this.mapper,
				new VersionSettings(1, Duration.ofSeconds(30), Duration.ofHours(1)))
			.verify(List.of(task(3)));
	}

	@Test
	void startUpFailsForAnUpcasterFromAVersionTheTaskHasNotReachedOrTwoFromOneVersion() {
		assertThatExceptionOfType(TaskDefinitionException.class)
			.isThrownBy(() -> new TaskVersions(this.upcasters, this.mapper, this.settings).verify(List.of(task(2))))
			.withMessageContaining("from version 2 but the task is at version 2");
		assertThatExceptionOfType(TaskDefinitionException.class)
			.isThrownBy(() -> new TaskVersions(List.of(this.upcasters.get(0), this.upcasters.get(0)), this.mapper,
					this.settings))
			.withMessageContaining("Two TaskUpcaster beans upcast task 'notify' from version 1");
	}

	private JobEnvelope job(int version, String args, Instant enqueuedAt) {
		return JobEnvelope.first("job-1", "notify", "default", (ArrayNode) this.mapper.readTree(args), enqueuedAt)
			.keys(JobKeys.NONE.taskVersion(version));
	}

	private TaskDefinition task(int version) {
		try {
			return new TaskDefinition("notify", "default", "notifier", Object::new,
					Notifier.class.getDeclaredMethod("notify", String.class, String.class, Map.class),
					new ArgumentCodec("notify", Notifier.class.getDeclaredMethod("notify", String.class, String.class,
							Map.class), this.mapper),
					RetryPolicy.none("none"), TaskKeys.NONE, false, version);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static class Notifier {

		void notify(String first, String last, Map<String, String> channel) {
		}

	}

}
