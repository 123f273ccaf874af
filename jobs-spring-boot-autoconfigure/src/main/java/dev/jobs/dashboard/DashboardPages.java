package dev.jobs.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.jobs.JobStatus;
import dev.jobs.Progress;
import dev.jobs.core.port.AuditTrail;
import dev.jobs.core.envelope.Membership;
import dev.jobs.core.port.DeadLetterEntry;
import dev.jobs.core.port.InstanceRegistry;
import dev.jobs.core.port.JobSearch;
import dev.jobs.core.port.QueueStats;
import dev.jobs.core.port.ResultRecord;
import dev.jobs.core.port.ScheduleView;

import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;

/**
 * The dashboard's pages, rendered on the server as plain HTML: a page works without its script
 * (which only refreshes the overview and sends the buttons' writes). A write control is only
 * rendered for a user who may write; every text from a job, an error or a user is escaped.
 */
final class DashboardPages {

	private final String base;

	private final DashboardOperations operations;

	/** The link to a trace, with {@code {traceId}} where the id goes, or {@code null}. */
	private final String traceUrl;

	DashboardPages(String base, String traceUrl, DashboardOperations operations) {
		this.base = base;
		this.traceUrl = traceUrl;
		this.operations = operations;
	}

	String overview(DashboardRoutes.View view) {
		DashboardOperations.Overview overview = this.operations.overview();
		StringBuilder html = new StringBuilder();
		html.append("<section class=\"cards\">");
		card(html, "Dead letters", Long.toString(overview.deadLetters()), this.base + "/failures");
		card(html, "Delayed", Long.toString(overview.delayed()), null);
		card(html, "RabbitMQ", (overview.rabbitError() == null) ? "UP" : "DOWN", null);
		card(html, "Redis", (overview.redisError() == null) ? "UP" : "DOWN", null);
		html.append("</section>");
		for (String error : new String[] { overview.rabbitError(), overview.redisError() }) {
			if (error != null) {
				html.append("<p class=\"error\">").append(e(error)).append("</p>");
			}
		}
		html.append("<h2>Queues</h2><table id=\"queues\"><tr><th>queue</th><th>ready</th><th>unacked</th>")
			.append("<th>consumers</th><th>state</th>")
			.append(view.mayWrite() ? "<th></th>" : "")
			.append("</tr>");
		for (QueueStats queue : overview.queues()) {
			boolean paused = overview.paused().contains(queue.name());
			html.append("<tr data-queue=\"").append(e(queue.name())).append("\"><td>").append(e(queue.name()))
				.append("</td><td class=\"ready\">").append(queue.ready())
				.append("</td><td>").append((queue.unacked() != null) ? queue.unacked().toString() : "–")
				.append("</td><td>").append(queue.consumers())
				.append("</td><td>").append(paused ? "<b>paused</b>" : "running").append("</td>");
			if (view.mayWrite()) {
				String action = paused ? "resume" : "pause";
				html.append("<td>").append(button(action, this.base + "/api/queues/" + u(queue.name()) + "/" + action,
						"write")).append("</td>");
			}
			html.append("</tr>");
		}
		html.append("</table>");
		ThroughputChart.render(html, overview.throughput());
		instances(html, overview);
		html.append("<p class=\"note\">Read at ").append(t(overview.readAt())).append("</p>");
		return page(view, "Overview", "<main id=\"live\" data-refresh=\"5000\">" + html + "</main>");
	}

	private static void instances(StringBuilder html, DashboardOperations.Overview overview) {
		html.append("<h2>Instances</h2><table id=\"instances\"><tr><th>instance</th><th>started</th>")
			.append("<th>last report</th><th>worker</th><th>running</th><th>stuck</th></tr>");
		if (overview.instances().isEmpty()) {
			// None reports itself (no Redis, or jobs.instances.heartbeat-interval=0): this one only.
			html.append("<tr data-instance=\"").append(e(overview.instance())).append("\"><td>")
				.append(e(overview.instance())).append(" <small>(this one)</small></td><td></td><td>not reported</td><td>")
				.append(worker(overview.workerQueues(), overview.workerRunning())).append("</td><td></td><td></td></tr>");
		}
		for (InstanceRegistry.Instance instance : overview.instances()) {
			html.append("<tr data-instance=\"").append(e(instance.id())).append("\"><td>").append(e(instance.id()))
				.append(instance.id().equals(overview.instance()) ? " <small>(this one)</small>" : "")
				.append("</td><td>").append(t(instance.startedAt())).append("</td><td>").append(t(instance.reportedAt()))
				.append("</td><td>").append(worker(instance.queues(), instance.consuming())).append("</td><td>")
				.append(instance.running()).append("</td><td").append((instance.stuck() > 0) ? " class=\"error\">" : ">")
				.append(instance.stuck()).append("</td></tr>");
		}
		html.append("</table>");
	}

	private static String worker(List<String> queues, boolean consuming) {
		if (queues.isEmpty()) {
			return "producer only";
		}
		return (consuming ? "consuming " : "stopped ") + e(String.join(", ", queues));
	}

	String jobs(DashboardRoutes.View view, JobSearch.Query query, JobSearch.Page page) {
		StringBuilder html = new StringBuilder("<form method=\"get\" action=\"" + this.base + "/jobs\" class=\"search\">");
		html.append("<select name=\"status\"><option value=\"\">any status</option>");
		for (JobStatus status : JobStatus.values()) {
			if (status != JobStatus.UNKNOWN) {
				html.append("<option").append((status == query.status()) ? " selected" : "").append(">")
					.append(status.name()).append("</option>");
			}
		}
		html.append("</select>")
			.append(input("task", query.task(), "task"))
			.append(input("queue", query.queue(), "queue"))
			.append(input("after", (query.after() != null) ? query.after().toString() : null, "enqueued after (ISO)"))
			.append(input("before", (query.before() != null) ? query.before().toString() : null, "enqueued before"))
			.append(input("id", null, "job id"))
			.append("<button type=\"submit\">Search</button></form>");
		if (!page.indexed()) {
			html.append("<p class=\"note\">This store keeps no search indexes (Redis Cluster): find a job by its id.</p>");
		}
		html.append("<table id=\"jobs\"><tr><th>job</th><th>task</th><th>queue</th><th>status</th><th>attempts</th>")
			.append("<th>enqueued</th><th>finished</th><th>error</th></tr>");
		for (ResultRecord record : page.records()) {
			html.append("<tr><td><a href=\"").append(this.base).append("/jobs/").append(u(record.id())).append("\">")
				.append(e(record.id())).append("</a></td><td>").append(e(record.task())).append("</td><td>")
				.append(e(record.queue())).append("</td><td class=\"status ").append(record.status()).append("\">")
				.append(record.status()).append("</td><td>").append(record.attempts()).append("</td><td>")
				.append(t(record.enqueuedAt())).append("</td><td>").append(t(record.finishedAt())).append("</td><td>")
				.append((record.error() != null) ? e(record.error().type()) : "").append("</td></tr>");
		}
		html.append("</table>");
		if (page.records().isEmpty()) {
			html.append("<p class=\"note\">No job records match.</p>");
		}
		if (page.next() != null) {
			StringBuilder next = new StringBuilder(this.base + "/jobs?cursor=" + u(page.next()) + "&size=" + query.size());
			if (query.status() != null) {
				next.append("&status=").append(query.status());
			}
			appendParam(next, "task", query.task());
			appendParam(next, "queue", query.queue());
			appendParam(next, "after", (query.after() != null) ? query.after().toString() : null);
			appendParam(next, "before", (query.before() != null) ? query.before().toString() : null);
			html.append("<p><a id=\"older\" href=\"").append(e(next.toString())).append("\">Older jobs →</a></p>");
		}
		return page(view, "Jobs", "<main>" + html + "</main>");
	}

	String job(DashboardRoutes.View view, String id) {
		Optional<ResultRecord> found = this.operations.job(id);
		Optional<DeadLetterEntry> deadLetter = this.operations.deadLetter(id);
		if (found.isEmpty() && deadLetter.isEmpty()) {
			return message(view, "Job " + id, "No record of job " + id + " (never enqueued here, or expired)");
		}
		StringBuilder html = new StringBuilder("<table class=\"fields\">");
		found.ifPresent((record) -> {
			row(html, "job", record.id());
			row(html, "task", record.task());
			row(html, "queue", record.queue());
			row(html, "status", record.status().name());
			row(html, "run", Integer.toString(record.run()));
			row(html, "attempts", Integer.toString(record.attempts()));
			row(html, "deduplicated from", record.deduplicatedFrom());
			row(html, "reason", record.reason());
			membership(html, record.membership());
			trace(html, record.traceId());
		});
		html.append("</table><h2>Timeline</h2><ol class=\"timeline\">");
		found.ifPresent((record) -> {
			step(html, record.enqueuedAt(), "enqueued");
			step(html, record.dueAt(), "due");
			step(html, record.startedAt(), "attempt " + record.attempts() + " started");
			if (record.error() != null) {
				step(html, record.finishedAt(), "failed: " + record.error().type() + ": " + record.error().message());
			}
			step(html, record.nextAttemptAt(), "next attempt due");
			step(html, record.finishedAt(), "ended " + record.status());
		});
		deadLetter.ifPresent((entry) -> {
			step(html, entry.firstFailedAt(), "first failure");
			step(html, entry.lastFailedAt(), "dead-lettered (" + entry.reason() + ") after " + entry.attempts()
					+ " attempts: " + entry.errorType() + ": " + entry.errorMessage());
		});
		html.append("</ol>");
		Optional<Progress> progress = this.operations.progress(id);
		progress.ifPresent((report) -> html.append("<h2>Progress</h2><p>").append(report.done()).append(" of ")
			.append(report.total()).append(" ").append(e(report.message())).append("</p>"));
		found.filter((record) -> record.result() != null).ifPresent((record) -> html.append("<h2>Result</h2><pre>")
			.append(view.showsArguments() ? e(record.result().toString()) : DashboardOperations.MASK)
			.append("</pre>"));
		deadLetter.ifPresent((entry) -> html.append("<h2>Arguments</h2><pre id=\"args\">")
			.append(e(String.valueOf(this.operations.args(entry.task(), entry.args(), view.showsArguments()))))
			.append("</pre>"));
		if (view.mayWrite()) {
			html.append("<p class=\"actions\">");
			found.filter((record) -> !record.status().isTerminal())
				.ifPresent((record) -> html.append(button("Cancel", this.base + "/api/jobs/" + u(id) + "/cancel", "write")));
			// A dead letter past the ones the latest read grouped is still one to retry or delete.
			if (deadLetter.isPresent() || found.filter((record) -> record.status() == JobStatus.FAILURE).isPresent()) {
				html.append(button("Retry now", this.base + "/api/jobs/" + u(id) + "/retry", "write"))
					.append(button("Delete", this.base + "/api/jobs/" + u(id) + "/delete", "write danger"));
			}
			html.append("</p>");
		}
		html.append("<pre id=\"result\"></pre>");
		return page(view, "Job " + id, "<main>" + html + "</main>");
	}

	String failures(DashboardRoutes.View view, DeadLetterSnapshots.Snapshot read, List<FailureGroups.Group> groups) {
		StringBuilder html = new StringBuilder();
		readNote(html, read);
		html.append("<table id=\"groups\"><tr><th>cause</th><th>count</th><th>tasks</th>")
			.append("<th>first seen</th><th>last seen</th><th></th></tr>");
		for (FailureGroups.Group group : groups) {
			html.append("<tr data-fingerprint=\"").append(group.fingerprint()).append("\" data-state=\"")
				.append(group.state()).append("\" class=\"").append(stateClass(group)).append("\"><td><a href=\"")
				.append(this.base).append("/failures/").append(group.fingerprint()).append("\"><b>")
				.append(e(group.errorType())).append("</b></a>").append(stateBadge(group)).append("<br>")
				.append(e(group.message()))
				.append("<br><small>").append(e(group.frame())).append("</small></td><td class=\"count\">")
				.append(group.count()).append("</td><td>").append(e(String.join(", ", group.tasks())))
				.append("</td><td>").append(t(group.firstSeen())).append("</td><td>").append(t(group.lastSeen()))
				.append("</td><td>").append(groupButtons(view, group)).append("</td></tr>");
		}
		html.append("</table>");
		if (groups.isEmpty() && !read.pending()) {
			html.append("<p class=\"note\">The dead-letter queue was empty.</p>");
		}
		html.append("<pre id=\"result\"></pre>");
		// Until the first read is in, the page fetches itself again to show it.
		String main = read.pending() ? "<main id=\"live\" data-refresh=\"2000\">" : "<main>";
		return page(view, "Failures", main + html + "</main>");
	}

	/** When the dead letters shown were read, or that they are being read. */
	private static void readNote(StringBuilder html, DeadLetterSnapshots.Snapshot read) {
		html.append("<p class=\"note\" id=\"read\">");
		if (read.pending()) {
			html.append("Reading the dead-letter queue…");
		}
		else {
			html.append("The first ").append(read.read()).append(" dead letters, read at ").append(t(read.readAt()))
				.append(" in ").append(read.took().toMillis()).append(" ms.");
		}
		if (read.error() != null) {
			html.append(" The latest read failed: ").append(e(read.error()));
		}
		html.append("</p>");
	}

	private String groupButtons(DashboardRoutes.View view, FailureGroups.Group group) {
		String api = this.base + "/api/failures/" + group.fingerprint();
		StringBuilder buttons = new StringBuilder(
				"<button class=\"read\" data-get=\"" + api + "/dry-run\">Dry run</button>");
		if (view.mayWrite()) {
			buttons.append(button("Replay all", api + "/replay", "write"))
				.append(button("Delete", api + "/delete", "write danger"))
				.append((group.state() == FailureGroups.State.RESOLVED) ? button("Reopen", api + "/reopen", "write")
						: button("Mark resolved", api + "/resolve", "write"));
		}
		return buttons.toString();
	}

	private static String stateClass(FailureGroups.Group group) {
		return (group.state() == FailureGroups.State.RESOLVED) ? "resolved" : "";
	}

	private static String stateBadge(FailureGroups.Group group) {
		return switch (group.state()) {
			case OPEN -> "";
			case RESOLVED -> " <span class=\"badge\">resolved by " + e(group.resolution().user()) + " "
					+ t(group.resolution().at()) + "</span>";
			case RECURRED -> " <span class=\"badge danger\">recurred since resolved by "
					+ e(group.resolution().user()) + " " + t(group.resolution().at()) + "</span>";
		};
	}

	String failure(DashboardRoutes.View view, FailureGroups.Group group, List<DeadLetterEntry> entries) {
		StringBuilder html = new StringBuilder("<table class=\"fields\">");
		row(html, "error", group.errorType());
		row(html, "message", group.message());
		row(html, "frame", group.frame());
		row(html, "count", Integer.toString(group.count()));
		row(html, "tasks", String.join(", ", group.tasks()));
		row(html, "first seen", t(group.firstSeen()));
		row(html, "last seen", t(group.lastSeen()));
		row(html, "state", group.state().name().toLowerCase(java.util.Locale.ROOT)
				+ ((group.resolution() != null) ? " (marked resolved by " + group.resolution().user() + " "
						+ t(group.resolution().at()) + ")" : ""));
		html.append("</table><p class=\"actions\">").append(groupButtons(view, group)).append("</p><pre id=\"result\"></pre>");
		html.append("<h2>Entries</h2>");
		for (DeadLetterEntry entry : entries) {
			html.append("<article class=\"entry\"><h3><a href=\"").append(this.base).append("/jobs/")
				.append(u(entry.jobId())).append("\">").append(e(entry.jobId())).append("</a> ").append(e(entry.task()))
				.append("</h3><p>").append(e(entry.errorMessage())).append(" — ").append(entry.attempts())
				.append(" attempts, ").append(entry.replays()).append(" replays</p>");
			Object args = this.operations.args(entry.task(), entry.args(), view.showsArguments());
			if (view.mayWrite() && args == entry.args() && entry.args() != null) {
				String id = "args-" + e(entry.jobId());
				html.append("<textarea id=\"").append(id).append("\" rows=\"3\" cols=\"80\">").append(e(entry.args().toString()))
					.append("</textarea><br><button class=\"write\" data-post=\"").append(this.base)
					.append("/api/dead-letters/").append(u(entry.jobId())).append("/replay-edited\" data-body=\"")
					.append(id).append("\">Replay with these arguments</button>");
			}
			else {
				html.append("<pre>").append(e(String.valueOf(args))).append("</pre>");
			}
			html.append("</article>");
		}
		return page(view, "Failures: " + group.errorType(), "<main>" + html + "</main>");
	}

	String schedules(DashboardRoutes.View view, List<ScheduleView> schedules) {
		StringBuilder html = new StringBuilder("<table id=\"schedules\"><tr><th>schedule</th><th>task</th><th>when</th>")
			.append("<th>next fire</th><th>last fire</th><th>last job</th><th>missed</th><th>skipped</th><th>state</th>")
			.append(view.mayWrite() ? "<th></th>" : "")
			.append("</tr>");
		for (ScheduleView schedule : schedules) {
			boolean paused = Boolean.TRUE.equals(schedule.paused());
			html.append("<tr><td>").append(e(schedule.name())).append("</td><td>").append(e(schedule.task()))
				.append("</td><td>").append(e(schedule.expression())).append("</td><td>").append(t(schedule.nextFireTime()))
				.append("</td><td>").append(t(schedule.lastFiredAt())).append("</td><td>");
			if (schedule.lastJobId() != null) {
				html.append("<a href=\"").append(this.base).append("/jobs/").append(u(schedule.lastJobId())).append("\">")
					.append(e(schedule.lastJobId())).append("</a> ")
					.append((schedule.lastJobStatus() != null) ? schedule.lastJobStatus().name() : "");
			}
			html.append("</td><td>").append(schedule.missed()).append("</td><td>").append(schedule.skipped())
				.append("</td><td>")
				.append(!schedule.enabled() ? "disabled" : paused ? "<b>paused</b>" : "active")
				.append((schedule.error() != null) ? " <span class=\"error\">" + e(schedule.error()) + "</span>" : "")
				.append("</td>");
			if (view.mayWrite()) {
				String api = this.base + "/api/schedules/" + u(schedule.name());
				html.append("<td>").append(button("Trigger now", api + "/trigger", "write"))
					.append(button(paused ? "Resume" : "Pause", api + (paused ? "/resume" : "/pause"), "write"))
					.append("</td>");
			}
			html.append("</tr>");
		}
		html.append("</table>");
		if (schedules.isEmpty()) {
			html.append("<p class=\"note\">This application declares no schedules.</p>");
		}
		html.append("<pre id=\"result\"></pre>");
		return page(view, "Schedules", "<main>" + html + "</main>");
	}

	String workflows(DashboardRoutes.View view, WorkflowsPage.Listing listing) {
		return page(view, "Workflows and batches", "<main>" + WorkflowsPage.render(this.base, listing) + "</main>");
	}

	String limits(DashboardRoutes.View view, LimitsPage.Listing listing) {
		return page(view, "Rate limits and concurrency", "<main>" + LimitsPage.render(listing) + "</main>");
	}

	String audit(DashboardRoutes.View view, List<AuditTrail.Entry> entries) {
		StringBuilder html = new StringBuilder("<table id=\"audit\"><tr><th>when</th><th>who</th><th>what</th>")
			.append("<th>on</th><th>changed</th><th>instance</th></tr>");
		for (AuditTrail.Entry entry : entries) {
			html.append("<tr><td>").append(t(entry.at())).append("</td><td>").append(e(entry.user())).append("</td><td>")
				.append(e(entry.action())).append("</td><td>").append(e(entry.target())).append("</td><td>")
				.append(entry.count()).append("</td><td>").append(e(entry.instance())).append("</td></tr>");
		}
		html.append("</table>");
		if (entries.isEmpty()) {
			html.append("<p class=\"note\">No operator action recorded yet.</p>");
		}
		return page(view, "Audit", "<main>" + html + "</main>");
	}

	String message(DashboardRoutes.View view, String title, String message) {
		return page(view, title, "<main><p class=\"error\">" + e(message) + "</p></main>");
	}

	private String page(DashboardRoutes.View view, String title, String main) {
		StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
		html.append("<title>").append(e(title)).append(" · Jobs</title>")
			.append("<meta name=\"jobs-base\" content=\"").append(this.base).append("\">");
		if (view.csrf() != null) {
			html.append("<meta name=\"_csrf_header\" content=\"").append(e(view.csrf().headerName())).append("\">")
				.append("<meta name=\"_csrf\" content=\"").append(e(view.csrf().token())).append("\">");
		}
		html.append("<link rel=\"stylesheet\" href=\"").append(this.base).append("/assets/dashboard.css\">")
			.append("<script defer src=\"").append(this.base).append("/assets/dashboard.js\"></script></head><body>")
			.append("<nav><b>Jobs</b>");
		for (String[] link : new String[][] { { "", "Overview" }, { "/jobs", "Jobs" }, { "/failures", "Failures" },
				{ "/schedules", "Schedules" }, { "/workflows", "Workflows" }, { "/limits", "Limits" },
				{ "/audit", "Audit" } }) {
			html.append("<a href=\"").append(this.base).append(link[0]).append("\">").append(link[1]).append("</a>");
		}
		html.append("<span class=\"user\">").append(e(view.user())).append(view.mayWrite() ? " (read and write)" : " (read only)")
			.append("</span></nav><h1>").append(e(title)).append("</h1>").append(main).append("</body></html>");
		return html.toString();
	}

	private static void card(StringBuilder html, String title, String value, String link) {
		html.append("<div class=\"card\"><small>").append(title).append("</small><b>");
		if (link != null) {
			html.append("<a href=\"").append(link).append("\">").append(value).append("</a>");
		}
		else {
			html.append(value);
		}
		html.append("</b></div>");
	}

	private static String button(String label, String url, String kind) {
		return "<button class=\"" + kind + "\" data-post=\"" + e(url) + "\">" + e(label) + "</button>";
	}

	private static String input(String name, String value, String placeholder) {
		return "<input name=\"" + name + "\" placeholder=\"" + placeholder + "\" value=\"" + e(value) + "\">";
	}

	/** The workflow and batch the job belongs to, each linked to its row on the workflows page. */
	private void membership(StringBuilder html, Membership membership) {
		if (membership.workflow() != null) {
			html.append("<tr><th>workflow</th><td id=\"workflow\"><a href=\"").append(this.base)
				.append("/workflows#workflow-").append(e(membership.workflow())).append("\">")
				.append(e(membership.workflow())).append("</a> (step ").append(membership.step()).append(")</td></tr>");
		}
		if (membership.batch() != null) {
			html.append("<tr><th>batch</th><td id=\"batch\"><a href=\"").append(this.base).append("/workflows#batch-")
				.append(e(membership.batch())).append("\">").append(e(membership.batch())).append("</a></td></tr>");
		}
	}

	/** The trace id, linked to the tracing backend when a link is configured. */
	private void trace(StringBuilder html, String traceId) {
		if (traceId == null) {
			return;
		}
		html.append("<tr><th>trace</th><td id=\"trace\">");
		if (this.traceUrl != null) {
			html.append("<a href=\"").append(e(this.traceUrl.replace("{traceId}", u(traceId)))).append("\">")
				.append(e(traceId)).append("</a>");
		}
		else {
			html.append(e(traceId));
		}
		html.append("</td></tr>");
	}

	private static void row(StringBuilder html, String name, String value) {
		if (value != null) {
			html.append("<tr><th>").append(name).append("</th><td>").append(e(value)).append("</td></tr>");
		}
	}

	private static void step(StringBuilder html, Instant at, String what) {
		if (at != null) {
			html.append("<li><time>").append(t(at)).append("</time> ").append(e(what)).append("</li>");
		}
	}

	private static void appendParam(StringBuilder url, String name, String value) {
		if (value != null) {
			url.append('&').append(name).append('=').append(u(value));
		}
	}

	static String t(Instant at) {
		return (at != null) ? at.toString() : "";
	}

	static String e(String text) {
		return (text != null) ? HtmlUtils.htmlEscape(text) : "";
	}

	static String u(String text) {
		return UriUtils.encodePathSegment((text != null) ? text : "", java.nio.charset.StandardCharsets.UTF_8);
	}

}
