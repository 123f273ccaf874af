package dev.jobs.dashboard;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.jobs.core.port.LimitUsage;
import dev.jobs.core.task.RateLimitScope;
import dev.jobs.core.task.TaskDefinition;
import dev.jobs.core.task.TaskKeys;

import static dev.jobs.dashboard.DashboardPages.e;
import static dev.jobs.dashboard.DashboardPages.t;

/**
 * The limits page's content: every task of this application with a rate limit or a
 * concurrency cap, then the shared budgets used lately (a task's own, or one key's) with how
 * much of each is in use now: permits held of the cap, slots taken ahead and how long a new job
 * would wait.
 */
final class LimitsPage {

	/** How recently a budget must have been used to be listed. */
	static final Duration RECENT = Duration.ofMinutes(10);

	private LimitsPage() {
	}

	/**
	 * What the page lists.
	 *
	 * @param tasks the tasks with a limit, by name
	 * @param budgets the budgets used lately, with their use
	 * @param error why Redis could not be read, or {@code null}
	 */
	record Listing(List<TaskDefinition> tasks, List<LimitUsage.Budget> budgets, String error) {

		Listing {
			tasks = tasks.stream().sorted(Comparator.comparing(TaskDefinition::name)).toList();
		}

	}

	static String render(Listing listing) {
		StringBuilder html = new StringBuilder();
		if (listing.error() != null) {
			html.append("<p class=\"error\">").append(e(listing.error())).append("</p>");
		}
		html.append("<h2>Limited tasks</h2><table id=\"limits\"><tr><th>task</th><th>queue</th><th>rate limit</th>")
			.append("<th>concurrency</th></tr>");
		for (TaskDefinition task : listing.tasks()) {
			TaskKeys.RateLimited rate = task.keys().rateLimit();
			TaskKeys.Concurrency concurrency = task.keys().concurrency();
			html.append("<tr><td>").append(e(task.name())).append("</td><td>").append(e(task.queue()))
				.append("</td><td>").append((rate != null) ? e(describe(rate)) : "").append("</td><td>")
				.append((concurrency != null) ? e(describe(concurrency)) : "").append("</td></tr>");
		}
		html.append("</table>");
		if (listing.tasks().isEmpty()) {
			html.append("<p class=\"note\">No task of this application has a rate limit or a concurrency cap.</p>");
		}
		html.append("<h2>Budgets in use, the last ").append(RECENT.toMinutes()).append(" minutes</h2>")
			.append("<table id=\"budgets\"><tr><th>budget</th><th>limits</th><th>in use now</th><th>last used</th></tr>");
		for (LimitUsage.Budget budget : listing.budgets()) {
			Optional<TaskDefinition> task = taskOf(budget.name(), listing.tasks());
			html.append("<tr data-budget=\"").append(e(budget.name())).append("\"><td>").append(e(budget.name()))
				.append("</td><td>").append((budget.kind() == LimitUsage.Kind.RATE) ? "rate" : "concurrency")
				.append("</td><td>").append(e(use(budget, task))).append("</td><td>").append(t(budget.lastUsed()))
				.append("</td></tr>");
		}
		html.append("</table>");
		if (listing.budgets().isEmpty()) {
			html.append("<p class=\"note\">No shared budget was used in the last ").append(RECENT.toMinutes())
				.append(" minutes. A per-instance rate limit lives in each instance's memory and is not listed.</p>");
		}
		return html.toString();
	}

	private static String describe(TaskKeys.RateLimited rate) {
		return rate.limit() + ((rate.scope() == RateLimitScope.WORKER) ? ", per instance" : ", shared")
				+ ((rate.key() != null) ? ", per " + rate.key() : "");
	}

	private static String describe(TaskKeys.Concurrency concurrency) {
		return "at most " + concurrency.max() + " at once" + ((concurrency.key() != null) ? " per " + concurrency.key() : "");
	}

	private static String use(LimitUsage.Budget budget, Optional<TaskDefinition> task) {
		if (budget.kind() == LimitUsage.Kind.CONCURRENCY) {
			return budget.held() + task.map(TaskDefinition::keys)
				.map(TaskKeys::concurrency)
				.map((concurrency) -> " of " + concurrency.max())
				.orElse("") + " running";
		}
		Optional<TaskKeys.RateLimited> rate = task.map(TaskDefinition::keys).map(TaskKeys::rateLimit);
		if (rate.isEmpty()) {
			return "slots taken " + budget.bookedAhead().toMillis() + " ms ahead";
		}
		Duration interval = rate.get().limit().interval();
		long slots = (budget.bookedAhead().toNanos() + interval.toNanos() - 1) / interval.toNanos();
		Duration wait = budget.bookedAhead().minus(rate.get().limit().tolerance());
		return slots + " of " + rate.get().limit().burst() + " slots taken"
				+ (wait.isNegative() || wait.isZero() ? ", a new job starts at once"
						: ", a new job waits " + wait.toMillis() + " ms");
	}

	/**
	 * The task a budget belongs to: {@code task:<name>} or {@code task:<name>:<key>}, the
	 * longest name that fits, since a task name may itself hold a colon.
	 */
	static Optional<TaskDefinition> taskOf(String budget, List<TaskDefinition> tasks) {
		if (!budget.startsWith("task:")) {
			return Optional.empty();
		}
		String rest = budget.substring("task:".length());
		return tasks.stream()
			.filter((task) -> rest.equals(task.name()) || rest.startsWith(task.name() + ":"))
			.max(Comparator.comparingInt((task) -> task.name().length()));
	}

}
