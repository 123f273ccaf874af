package dev.jobs.core.version;

import java.time.Duration;

import dev.jobs.core.envelope.JobEnvelope;

/**
 * What a worker does with a job, given the version of the task's signature it was written for.
 */
public sealed interface VersionCheck {

	/**
	 * The job fits the task as this worker runs it, upcast if it was older.
	 * @param envelope the job with arguments of the current version
	 */
	record Current(JobEnvelope envelope) implements VersionCheck {

	}

	/**
	 * The job was written for a newer version than this worker knows: it waits, no attempt spent,
	 * for a worker that knows it.
	 * @param delay how long until a worker looks at it again
	 */
	record Newer(Duration delay) implements VersionCheck {

	}

	/**
	 * No worker can run the job: its version is newer and it waited too long, or it is older
	 * without an upcaster path to the current one.
	 * @param detail a sentence naming the task, the versions and what happens next
	 */
	record Unknown(String detail) implements VersionCheck {

	}

}
