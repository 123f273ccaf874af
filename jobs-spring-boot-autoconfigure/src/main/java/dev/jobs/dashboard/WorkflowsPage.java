package dev.jobs.dashboard;

import java.util.List;

import dev.jobs.core.port.BatchStore;
import dev.jobs.core.port.FlowStore;
import dev.jobs.core.port.RecentFlows;

import static dev.jobs.dashboard.DashboardPages.e;
import static dev.jobs.dashboard.DashboardPages.t;

/**
 * The workflows page's content: the newest workflows with their status, how many of their steps
 * have ended and their failure, and the newest batches with their members' counts, each with a
 * bar of its progress.
 */
final class WorkflowsPage {

	private WorkflowsPage() {
	}

	/**
	 * What the page lists.
	 *
	 * @param workflows the newest workflows
	 * @param batches the newest batches
	 * @param error why Redis could not be read, or {@code null}
	 */
	record Listing(List<RecentFlows.Workflow> workflows, List<RecentFlows.Batch> batches, String error) {
	}

	static String render(String base, Listing listing) {
		StringBuilder html = new StringBuilder();
		if (listing.error() != null) {
			html.append("<p class=\"error\">").append(e(listing.error())).append("</p>");
		}
		html.append("<h2>Workflows</h2><table id=\"workflows\"><tr><th>workflow</th><th>started</th>")
			.append("<th>status</th><th>steps ended</th><th>failure</th></tr>");
		for (RecentFlows.Workflow workflow : listing.workflows()) {
			FlowStore.FlowState state = workflow.state();
			html.append("<tr id=\"workflow-").append(e(workflow.id())).append("\" data-workflow=\"")
				.append(e(workflow.id())).append("\" data-status=\"")
				.append(e(state.status())).append("\"><td>").append(e(workflow.id()))
				.append((state.run() > 1) ? " <small>(run " + state.run() + ")</small>" : "").append("</td><td>")
				.append(t(workflow.startedAt())).append("</td><td>").append(e(state.status())).append("</td><td>");
			progress(html, state.done(), state.total());
			html.append("</td><td>").append(e(state.failure())).append("</td></tr>");
		}
		html.append("</table>");
		empty(html, listing.workflows(), "workflows");
		html.append("<h2>Batches</h2><table id=\"batches\"><tr><th>batch</th><th>created</th><th>ended</th>")
			.append("<th>succeeded</th><th>failed</th><th>pending</th></tr>");
		for (RecentFlows.Batch batch : listing.batches()) {
			BatchStore.BatchCounts counts = batch.counts();
			html.append("<tr id=\"batch-").append(e(batch.id())).append("\" data-batch=\"").append(e(batch.id()))
				.append("\"><td>").append(e(batch.id()))
				.append("</td><td>").append(t(batch.createdAt())).append("</td><td>");
			progress(html, counts.total() - counts.pending(), counts.total());
			html.append("</td><td class=\"count\">").append(counts.succeeded()).append("</td><td class=\"count")
				.append((counts.failed() > 0) ? " failed" : "").append("\">").append(counts.failed())
				.append("</td><td class=\"count\">").append(counts.pending()).append("</td></tr>");
		}
		html.append("</table>");
		empty(html, listing.batches(), "batches");
		html.append("<p class=\"note\">A workflow's steps and a batch's members are jobs: search them on the <a href=\"")
			.append(base).append("/jobs\">jobs page</a>.</p>");
		return html.toString();
	}

	private static void progress(StringBuilder html, long done, long total) {
		html.append("<progress max=\"").append(Math.max(total, 1)).append("\" value=\"").append(done).append("\"></progress> ")
			.append(done).append(" of ").append(total);
	}

	private static void empty(StringBuilder html, List<?> listed, String what) {
		if (listed.isEmpty()) {
			html.append("<p class=\"note\">No ").append(what).append(": none was started, or the state of each has")
				.append(" expired.</p>");
		}
	}

}
