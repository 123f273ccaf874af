package dev.jobs.core.schedule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import dev.jobs.JobArgumentsException;
import dev.jobs.core.task.TaskDefinition;
import dev.jobs.core.task.TaskRegistry;

/**
 * Checks the application's schedules against its tasks once every task is registered: each
 * names a local task, its configured arguments are bound to that task's parameter types, and
 * no two share a name. Start-up fails on the first that does not fit, naming it.
 */
public final class ScheduleCatalog {

	private ScheduleCatalog() {
	}

	/**
	 * Binds and checks the schedules.
	 * @param configured the schedules of {@code jobs.schedules}, with their arguments as
	 * configured
	 * @param annotated the schedules of {@code @Scheduled} task methods
	 * @param registry the application's tasks
	 * @return the schedules, ready to run, configured ones first
	 * @throws ScheduleDefinitionException if one does not fit
	 */
	public static List<Schedule> bind(List<Schedule> configured, List<Schedule> annotated, TaskRegistry registry) {
		Map<String, Schedule> byName = new LinkedHashMap<>();
		List<Schedule> all = new ArrayList<>(configured);
		all.addAll(annotated);
		for (Schedule schedule : all) {
			Schedule bound = bindArgs(schedule, task(schedule, registry));
			Schedule existing = byName.putIfAbsent(bound.name(), bound);
			if (existing != null) {
				throw new ScheduleDefinitionException("Two schedules are named '" + bound.name() + "': "
						+ existing.source() + " and " + bound.source() + ". Rename one of them", null);
			}
		}
		return List.copyOf(byName.values());
	}

	private static TaskDefinition task(Schedule schedule, TaskRegistry registry) {
		return registry.find(schedule.task()).orElseThrow(() -> {
			TreeSet<String> known = new TreeSet<>();
			registry.localTasks().forEach((task) -> known.add(task.name()));
			return new ScheduleDefinitionException(schedule.source() + ".task: no @BackgroundTask named '"
					+ schedule.task() + "' runs in this application (its tasks: " + known
					+ "). A schedule enqueues a task of its own application", null);
		});
	}

	private static Schedule bindArgs(Schedule schedule, TaskDefinition task) {
		try {
			return schedule.withArgs(task.codec().bind(schedule.args()));
		}
		catch (JobArgumentsException ex) {
			throw new ScheduleDefinitionException(schedule.source() + ".args: " + ex.getMessage() + " (the task is "
					+ task.methodDescription() + ")", ex);
		}
	}

}
