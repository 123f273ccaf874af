package dev.jobs.core.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import dev.jobs.core.envelope.JobIds;

/**
 * A schedule: which task to enqueue with which arguments, at which slots, and the rules for
 * slots that come late or while the previous run is still going. Built once at start-up from
 * {@code jobs.schedules} or from {@code @Scheduled} on a {@code @BackgroundTask} method; every
 * instance holds the same schedules and computes the same slots.
 *
 * @param name the schedule's name, unique in the application: its key in Redis
 * @param task the local task it enqueues
 * @param slots when its slots fall
 * @param args the arguments, already of the task's parameter types
 * @param queue the queue its jobs go to, or {@code null} for the task's own
 * @param expires how long after its slot a job may still start, or {@code null} for no limit
 * @param misfireGrace how late a slot may still fire, beyond {@link #ON_TIME}
 * @param maxInstances how many of its jobs may be pending or running at once
 * @param enabled whether it fires at all
 * @param source where it was declared, for messages: a property or a method
 */
public record Schedule(String name, String task, SlotSequence slots, List<Object> args, String queue,
		Duration expires, Duration misfireGrace, int maxInstances, boolean enabled, String source) {

	/**
	 * How late a slot always counts as on time: a busy machine, a pause of the JVM or an
	 * instance that starts just after a slot still fires it. {@code misfire-grace} adds to it.
	 */
	public static final Duration ON_TIME = Duration.ofSeconds(5);

	/**
	 * Checks the values.
	 * @param name the name
	 * @param task the task
	 * @param slots the slots
	 * @param args the arguments
	 * @param queue the queue or {@code null}
	 * @param expires the expiry or {@code null}
	 * @param misfireGrace the grace
	 * @param maxInstances at least 1
	 * @param enabled whether it fires
	 * @param source where it was declared
	 */
	public Schedule {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(task, "task");
		Objects.requireNonNull(slots, "slots");
		// Not List.copyOf: a task may take a null argument.
		args = Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNullElse(args, List.of())));
		Objects.requireNonNull(misfireGrace, "misfireGrace");
		if (maxInstances < 1) {
			throw new IllegalArgumentException("max-instances must be at least 1, not " + maxInstances);
		}
	}

	/**
	 * A schedule with no arguments, the task's queue, no expiry, no grace, one instance at a
	 * time, enabled.
	 * @param name the name
	 * @param task the task
	 * @param slots the slots
	 * @param source where it was declared
	 * @return the schedule
	 */
	public static Schedule of(String name, String task, SlotSequence slots, String source) {
		return new Schedule(name, task, slots, List.of(), null, null, Duration.ZERO, 1, true, source);
	}

	/**
	 * This schedule with these arguments.
	 * @param args the arguments, of the task's parameter types
	 * @return the new schedule
	 */
	public Schedule withArgs(Object... args) {
		return new Schedule(this.name, this.task, this.slots, Arrays.asList(args), this.queue, this.expires,
				this.misfireGrace, this.maxInstances, this.enabled, this.source);
	}

	/**
	 * This schedule sending its jobs to another queue.
	 * @param queue the queue, or {@code null} for the task's own
	 * @return the new schedule
	 */
	public Schedule withQueue(String queue) {
		return new Schedule(this.name, this.task, this.slots, this.args, queue, this.expires, this.misfireGrace,
				this.maxInstances, this.enabled, this.source);
	}

	/**
	 * This schedule with an expiry for its jobs.
	 * @param expires how long after its slot a job may start, or {@code null} for no limit
	 * @return the new schedule
	 */
	public Schedule withExpires(Duration expires) {
		return new Schedule(this.name, this.task, this.slots, this.args, this.queue, expires, this.misfireGrace,
				this.maxInstances, this.enabled, this.source);
	}

	/**
	 * This schedule with a misfire grace.
	 * @param misfireGrace how late, beyond {@link #ON_TIME}, a slot may still fire
	 * @return the new schedule
	 */
	public Schedule withMisfireGrace(Duration misfireGrace) {
		return new Schedule(this.name, this.task, this.slots, this.args, this.queue, this.expires, misfireGrace,
				this.maxInstances, this.enabled, this.source);
	}

	/**
	 * This schedule with another bound on its jobs in flight.
	 * @param maxInstances at least 1
	 * @return the new schedule
	 */
	public Schedule withMaxInstances(int maxInstances) {
		return new Schedule(this.name, this.task, this.slots, this.args, this.queue, this.expires, this.misfireGrace,
				maxInstances, this.enabled, this.source);
	}

	/**
	 * This schedule enabled or not.
	 * @param enabled whether it fires
	 * @return the new schedule
	 */
	public Schedule withEnabled(boolean enabled) {
		return new Schedule(this.name, this.task, this.slots, this.args, this.queue, this.expires, this.misfireGrace,
				this.maxInstances, enabled, this.source);
	}

	/**
	 * Whether a slot may still fire.
	 * @param slot the slot
	 * @param now the present
	 * @return {@code true} if the slot is no later than {@link #ON_TIME} plus the grace
	 */
	public boolean isOnTime(Instant slot, Instant now) {
		return !now.isAfter(slot.plus(ON_TIME).plus(this.misfireGrace));
	}

	/**
	 * The job id of a slot, the same on every instance (see {@link JobIds#derived}).
	 * @param slot the slot
	 * @return the id
	 */
	public String jobIdFor(Instant slot) {
		return JobIds.derived(slot, "schedule:" + this.name + ":" + slot.toEpochMilli());
	}

	/**
	 * When a job of a slot expires.
	 * @param slot the slot, or the moment of a manual trigger
	 * @return the expiry, or {@code null} for none
	 */
	public Instant expiryFor(Instant slot) {
		return (this.expires != null) ? slot.plus(this.expires) : null;
	}

	/**
	 * The arguments as the enqueue takes them.
	 * @return a new array
	 */
	public Object[] argArray() {
		return this.args.toArray();
	}

}
