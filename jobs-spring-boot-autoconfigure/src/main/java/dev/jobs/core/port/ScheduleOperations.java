package dev.jobs.core.port;

import java.util.List;
import java.util.Optional;

/**
 * What operators see and do with the application's schedules, through Actuator. Every instance
 * answers alike: what it reports and changes lives in the shared {@link ScheduleStore}.
 */
public interface ScheduleOperations {

	/** An application without schedules. */
	ScheduleOperations NONE = new ScheduleOperations() {

		@Override
		public List<ScheduleView> schedules() {
			return List.of();
		}

		@Override
		public Optional<String> trigger(String schedule) {
			return Optional.empty();
		}

		@Override
		public boolean pause(String schedule, boolean paused) {
			return false;
		}

		@Override
		public Optional<String> problem() {
			return Optional.empty();
		}

	};

	/**
	 * Every schedule with its shared record.
	 * @return the schedules, by name
	 */
	List<ScheduleView> schedules();

	/**
	 * Enqueues one job of a schedule now, outside its slots, paused or not.
	 * @param schedule the schedule's name
	 * @return the job's id, or empty if there is no such schedule
	 */
	Optional<String> trigger(String schedule);

	/**
	 * Pauses or resumes a schedule on every instance, until changed again.
	 * @param schedule the schedule's name
	 * @param paused whether its slots stop firing
	 * @return {@code false} if there is no such schedule
	 */
	boolean pause(String schedule, boolean paused);

	/**
	 * Why schedules cannot fire right now, if they cannot.
	 * @return such as "slot claims failing since ...: Redis unreachable", or empty
	 */
	Optional<String> problem();

}
