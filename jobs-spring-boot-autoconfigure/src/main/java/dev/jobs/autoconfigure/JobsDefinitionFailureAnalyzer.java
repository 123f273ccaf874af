package dev.jobs.autoconfigure;

import dev.jobs.core.schedule.ScheduleDefinitionException;
import dev.jobs.core.task.TaskDefinitionException;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Turns a task or schedule that cannot work as declared into Spring Boot's failure report: the
 * description is the message, which names the annotation attribute or property at fault and the
 * value, and the action says where to change it and where the rules are written down. Bad
 * {@code jobs.*} values are reported by Boot's own analyzer for
 * {@code InvalidConfigurationPropertyValueException}, which the checks throw.
 */
public final class JobsDefinitionFailureAnalyzer implements FailureAnalyzer {

	@Override
	public FailureAnalysis analyze(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof TaskDefinitionException task) {
				return new FailureAnalysis(task.getMessage(), "Change the @BackgroundTask attribute or the"
						+ " jobs.tasks property named above as the description says. Every check is listed in"
						+ " docs/configuration.md, section 'When a value is wrong: start-up failures'.", task);
			}
			if (cause instanceof ScheduleDefinitionException schedule) {
				return new FailureAnalysis(schedule.getMessage(), "Change the jobs.schedules property or the"
						+ " @Scheduled task method named above as the description says. Every check is listed in"
						+ " docs/schedules.md, section 'When a schedule is wrong: start-up failures'.", schedule);
			}
		}
		return null;
	}

}
