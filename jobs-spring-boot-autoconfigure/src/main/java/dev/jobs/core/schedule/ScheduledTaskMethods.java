package dev.jobs.core.schedule;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.annotation.Schedules;
import org.springframework.util.StringUtils;

import dev.jobs.core.task.TaskDefinition;

/**
 * Reads Spring's {@link Scheduled @Scheduled} on {@code @BackgroundTask} methods as schedules,
 * so that each firing becomes one durable job, enqueued by one instance. The first
 * {@code @Scheduled} of a task is the schedule named like the task; further ones on the same
 * method are {@code <task>#2}, {@code <task>#3}.
 *
 * <p>What cannot hold across instances fails start-up instead of running differently:
 * {@code fixedDelay} counts from the end of one instance's previous run, and
 * {@code initialDelay} from one instance's start, while slots here are aligned to the epoch. A
 * cron expression without a {@code zone} is read in UTC, not in the JVM's zone, so that
 * instances in different zones still agree on the slots.
 */
public final class ScheduledTaskMethods {

	private final UnaryOperator<String> placeholders;

	/**
	 * A reader that resolves {@code ${...}} in the annotations' strings.
	 * @param placeholders resolves placeholders against the environment
	 */
	public ScheduledTaskMethods(UnaryOperator<String> placeholders) {
		this.placeholders = placeholders;
	}

	/**
	 * The schedules the annotations declare.
	 * @param tasks the application's tasks
	 * @return their schedules, disabled ones ({@code cron = "-"}) included
	 * @throws ScheduleDefinitionException if an annotation cannot be made cluster-wide
	 */
	public List<Schedule> schedules(Iterable<TaskDefinition> tasks) {
		List<Schedule> schedules = new ArrayList<>();
		for (TaskDefinition task : tasks) {
			Set<Scheduled> annotations = AnnotatedElementUtils.getMergedRepeatableAnnotations(task.method(),
					Scheduled.class, Schedules.class);
			int index = 1;
			for (Scheduled scheduled : annotations) {
				String name = (index == 1) ? task.name() : task.name() + "#" + index;
				schedules.add(schedule(name, task, scheduled));
				index++;
			}
		}
		return schedules;
	}

	private Schedule schedule(String name, TaskDefinition task, Scheduled scheduled) {
		String source = "@Scheduled on " + task.methodDescription();
		if (scheduled.fixedDelay() >= 0 || StringUtils.hasText(scheduled.fixedDelayString())) {
			throw invalid(source, "fixedDelay counts from the end of one instance's previous run, which no"
					+ " schedule shared by all instances can follow. Use fixedRate or cron (the next slot waits"
					+ " for the previous job while max-instances is 1, the default)", null);
		}
		if (scheduled.initialDelay() >= 0 || StringUtils.hasText(scheduled.initialDelayString())) {
			throw invalid(source, "initialDelay counts from one instance's start, while the slots of a schedule"
					+ " are aligned to the epoch so that every instance computes the same ones. Remove it", null);
		}
		String cron = this.placeholders.apply(scheduled.cron());
		if (StringUtils.hasText(cron)) {
			return Schedule.of(name, task.name(), cronSlots(source, cron, scheduled.zone()), source)
				.withEnabled(!Scheduled.CRON_DISABLED.equals(cron));
		}
		long rate = fixedRate(source, scheduled);
		if (rate <= 0) {
			throw invalid(source, "a background task's @Scheduled needs a cron or a fixedRate", null);
		}
		Duration period = Duration.of(rate, scheduled.timeUnit().toChronoUnit());
		return Schedule.of(name, task.name(), new FixedRateSlots(period), source);
	}

	private SlotSequence cronSlots(String source, String cron, String zone) {
		if (Scheduled.CRON_DISABLED.equals(cron)) {
			return new FixedRateSlots(Duration.ofDays(1));
		}
		ZoneId zoneId;
		try {
			String resolvedZone = this.placeholders.apply(zone);
			zoneId = StringUtils.hasText(resolvedZone) ? ZoneId.of(resolvedZone) : ZoneOffset.UTC;
		}
		catch (RuntimeException ex) {
			throw invalid(source, "zone '" + zone + "' is not a zone id such as UTC or Europe/Paris", ex);
		}
		try {
			return CronSlots.parse(cron, zoneId);
		}
		catch (IllegalArgumentException ex) {
			throw invalid(source, "cron '" + cron + "' does not parse: " + ex.getMessage(), ex);
		}
	}

	private long fixedRate(String source, Scheduled scheduled) {
		String text = this.placeholders.apply(scheduled.fixedRateString());
		if (!StringUtils.hasText(text)) {
			return scheduled.fixedRate();
		}
		try {
			return Long.parseLong(text.trim());
		}
		catch (NumberFormatException ex) {
			throw invalid(source, "fixedRateString '" + text + "' is not a whole number of "
					+ scheduled.timeUnit().name().toLowerCase(), ex);
		}
	}

	private static ScheduleDefinitionException invalid(String source, String problem, Throwable cause) {
		return new ScheduleDefinitionException(source + ": " + problem + ".", cause);
	}

}
