package dev.jobs.core.port;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The rate-limit and concurrency budgets shared by every instance that were used lately, and
 * how much of each is in use now: what the dashboard's limits page shows. Budgets are named as
 * the guards name them: {@code task:<task>} for a task's own, {@code task:<task>:<key>} for one
 * key's, {@code queue:<queue>} for a queue's rate limit.
 */
public interface LimitUsage {

	/** Knows of no budget. */
	LimitUsage NONE = (within, limit) -> List.of();

	/**
	 * The budgets used within the given time, newest use first.
	 * @param within how recently a budget must have been used
	 * @param limit the most budgets of each kind
	 * @return the budgets with their use now
	 */
	List<Budget> recent(Duration within, int limit);

	/** What a budget limits. */
	enum Kind {

		/** Jobs started a second (or other period), shared by every instance. */
		RATE,

		/** Jobs running at once. */
		CONCURRENCY

	}

	/**
	 * A budget and its use now.
	 *
	 * @param kind what it limits
	 * @param name the budget's name
	 * @param lastUsed when a guard last used it (noted at most every few seconds per instance)
	 * @param held for a concurrency budget, how many permits are held now (leases that have not
	 * run out); 0 for a rate budget
	 * @param bookedAhead for a rate budget, how far ahead its slots are taken: zero once the next
	 * job may start at once, one interval more for each job holding a slot not yet due; zero for a
	 * concurrency budget
	 */
	record Budget(Kind kind, String name, Instant lastUsed, long held, Duration bookedAhead) {
	}

}
