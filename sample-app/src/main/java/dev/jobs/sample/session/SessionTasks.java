package dev.jobs.sample.session;

import dev.jobs.BackgroundTask;
import dev.jobs.JobContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Housekeeping of customer sessions, on a schedule declared with Spring's own
 * {@code @Scheduled}. On a {@code @BackgroundTask} method the annotation does not run the method
 * on a scheduler thread: every six hours one job of the task is enqueued, by one instance
 * however many run, and a worker runs it. The schedule is named like the task,
 * {@code cleanup-sessions}. The sample keeps no sessions of its own (its API is stateless), so
 * the cleanup only logs a line.
 */
@Service
public class SessionTasks {

	private static final Logger logger = LoggerFactory.getLogger(SessionTasks.class);

	/**
	 * Removes the sessions that have expired. At 00:00, 06:00, 12:00 and 18:00 UTC: a cron of
	 * {@code @Scheduled} without a {@code zone} is read in UTC, so instances in different zones
	 * agree on the slots.
	 */
	@BackgroundTask(name = "cleanup-sessions")
	@Scheduled(cron = "0 0 */6 * * *")
	public void cleanup() {
		logger.info("Removing expired sessions (job {}): none kept in this sample", JobContext.current().jobId());
	}

}
