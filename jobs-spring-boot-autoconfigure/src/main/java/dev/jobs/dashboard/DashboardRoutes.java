package dev.jobs.dashboard;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import dev.jobs.JobStatus;

import dev.jobs.core.port.JobSearch;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.StringUtils;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The dashboard's routes under its path ({@code jobs.dashboard.path}): the pages, their script
 * and style, and the JSON API the pages' buttons call. In front of every route:
 * <ol>
 * <li>a reader's role is required ({@link DashboardAccess#mayRead}), else {@code 403};</li>
 * <li>a write ({@code POST}) requires a writer's role, else {@code 403}, and the
 * {@value #WRITE_HEADER} header, which a browser sends cross-site only after a CORS preflight
 * that the application does not allow: with Spring Security's CSRF token (sent by the page as
 * well) this is the dashboard's CSRF protection, and without Spring Security the only one.</li>
 * </ol>
 * Bulk actions answer {@code 202} at once with the action to poll; they run in the background.
 */
public final class DashboardRoutes {

	/** The header every write must carry. */
	public static final String WRITE_HEADER = "X-Jobs-Dashboard";

	private final String base;

	private final DashboardOperations operations;

	private final DashboardAccess access;

	private final DashboardPages pages;

	/**
	 * Routes under the given path.
	 * @param path the dashboard's path, such as {@code /jobs}
	 * @param traceUrl the link from a job's page to its trace in the tracing backend, with
	 * {@code {traceId}} where the id goes, or {@code null} to show the id as text
	 * @param operations what the routes read and do
	 * @param access who may read and write
	 */
	public DashboardRoutes(String path, String traceUrl, DashboardOperations operations, DashboardAccess access) {
		this.base = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		this.operations = operations;
		this.access = access;
		this.pages = new DashboardPages(this.base, traceUrl, operations);
	}

	/**
	 * The router function, for Spring MVC to map.
	 * @return the routes
	 */
	public RouterFunction<ServerResponse> routes() {
		return RouterFunctions.route()
			.path(this.base, (routes) -> routes
				.GET("", this::overview)
				.GET("/", this::overview)
				.GET("/jobs", this::jobs)
				.GET("/jobs/{id}", this::job)
				.GET("/failures", this::failures)
				.GET("/failures/{fingerprint}", this::failure)
				.GET("/audit", this::audit)
				.GET("/limits", (request) -> html(this.pages.limits(view(request), this.operations.limits())))
				.GET("/workflows", (request) -> html(this.pages.workflows(view(request), this.operations.workflows())))
				.GET("/schedules", (request) -> html(this.pages.schedules(view(request), this.operations.schedules())))
				.GET("/assets/{file}", this::asset)
				.GET("/api/overview", (request) -> json(this.operations.overview()))
				.GET("/api/failures", (request) -> json(this.operations.failures()))
				.GET("/api/failures/{fingerprint}/dry-run", this::dryRun)
				.GET("/api/actions/{id}", this::actionProgress)
				.GET("/api/jobs", this::searchJson)
				.GET("/api/audit", (request) -> json(this.operations.audit(100)))
				.POST("/api/failures/{fingerprint}/{action}", this::groupAction)
				.POST("/api/dead-letters/{id}/replay-edited", this::replayEdited)
				.POST("/api/jobs/{id}/{action}", this::jobAction)
				.POST("/api/queues/{name}/{action}", this::queueAction)
				.POST("/api/schedules/{name}/{action}", this::scheduleAction)
				.filter((request, next) -> guarded(request, next)))
			.build();
	}

	private ServerResponse guarded(ServerRequest request, HandlerFunction<ServerResponse> next) throws Exception {
		HttpServletRequest servlet = request.servletRequest();
		if (!this.access.mayRead(servlet)) {
			return error(HttpStatus.FORBIDDEN, "Reading the jobs dashboard needs one of the roles "
					+ this.access.readRoles() + " (jobs.actuate.roles)");
		}
		if (HttpMethod.POST.equals(request.method())) {
			if (!this.access.mayWrite(servlet)) {
				return error(HttpStatus.FORBIDDEN, "Changing anything through the jobs dashboard needs one of the"
						+ " roles " + this.access.writeRoles() + " (jobs.actuate.write-roles)");
			}
			if (!StringUtils.hasText(request.headers().firstHeader(WRITE_HEADER))) {
				return error(HttpStatus.FORBIDDEN, "A write must carry the " + WRITE_HEADER
						+ " header, as the dashboard's pages send it (CSRF protection)");
			}
		}
		return next.handle(request);
	}

	private View view(ServerRequest request) {
		HttpServletRequest servlet = request.servletRequest();
		return new View(DashboardAccess.user(servlet), this.access.mayWrite(servlet),
				this.access.showsArguments(servlet), Csrf.of(servlet));
	}

	private ServerResponse overview(ServerRequest request) {
		return html(this.pages.overview(view(request)));
	}

	private ServerResponse jobs(ServerRequest request) {
		Optional<String> id = param(request, "id");
		if (id.isPresent()) {
			return ServerResponse.status(HttpStatus.SEE_OTHER)
				.location(java.net.URI.create(this.base + "/jobs/" + id.get().trim()))
				.build();
		}
		JobSearch.Query query;
		try {
			query = query(request);
		}
		catch (IllegalArgumentException ex) {
			return html(HttpStatus.BAD_REQUEST, this.pages.message(view(request), "Jobs", ex.getMessage()));
		}
		return html(this.pages.jobs(view(request), query, this.operations.search(query)));
	}

	private ServerResponse searchJson(ServerRequest request) {
		try {
			return json(this.operations.search(query(request)));
		}
		catch (IllegalArgumentException ex) {
			return error(HttpStatus.BAD_REQUEST, ex.getMessage());
		}
	}

	private JobSearch.Query query(ServerRequest request) {
		JobStatus status = param(request, "status").map((name) -> {
			try {
				return JobStatus.valueOf(name);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("No job status '" + name + "'; known: "
						+ List.of(JobStatus.values()));
			}
		}).orElse(null);
		int size = param(request, "size").map(Integer::parseInt).orElse(25);
		return new JobSearch.Query(status, param(request, "task").orElse(null), param(request, "queue").orElse(null),
				instant(request, "before"), instant(request, "after"), param(request, "cursor").orElse(null), size);
	}

	private static Instant instant(ServerRequest request, String name) {
		return param(request, name).map((text) -> {
			try {
				return Instant.parse(text);
			}
			catch (DateTimeParseException ex) {
				throw new IllegalArgumentException(name + " must be an ISO-8601 instant such as 2026-12-03T10:15:30Z,"
						+ " got '" + text + "'");
			}
		}).orElse(null);
	}

	private ServerResponse job(ServerRequest request) {
		String id = request.pathVariable("id");
		return html(this.pages.job(view(request), id));
	}

	private ServerResponse failures(ServerRequest request) {
		DeadLetterSnapshots.Snapshot read = this.operations.deadLetterSnapshot();
		return html(this.pages.failures(view(request), read, this.operations.failures(read)));
	}

	private ServerResponse failure(ServerRequest request) {
		String fingerprint = request.pathVariable("fingerprint");
		return this.operations.group(fingerprint)
			.map((group) -> html(this.pages.failure(view(request), group, this.operations.entries(group, 50))))
			.orElseGet(() -> html(HttpStatus.NOT_FOUND, this.pages.message(view(request), "Failures",
					"No dead letters with the fingerprint " + fingerprint + " (any more)")));
	}

	private ServerResponse audit(ServerRequest request) {
		return html(this.pages.audit(view(request), this.operations.audit(200)));
	}

	private ServerResponse asset(ServerRequest request) {
		String file = request.pathVariable("file");
		MediaType type = file.endsWith(".js") ? MediaType.valueOf("text/javascript")
				: file.endsWith(".css") ? MediaType.valueOf("text/css") : null;
		ClassPathResource resource = new ClassPathResource("dev/jobs/dashboard/" + file);
		if (type == null || !resource.exists()) {
			return ServerResponse.notFound().build();
		}
		return ServerResponse.ok().contentType(type).body(resource);
	}

	private ServerResponse dryRun(ServerRequest request) {
		return this.operations.group(request.pathVariable("fingerprint"))
			.map((group) -> {
				Map<String, Object> body = new LinkedHashMap<>();
				body.put("dryRun", true);
				body.put("fingerprint", group.fingerprint());
				body.put("count", group.count());
				body.put("tasks", group.tasks());
				body.put("jobIds", group.jobIds());
				return json(body);
			})
			.orElseGet(() -> error(HttpStatus.NOT_FOUND, "No dead letters with that fingerprint"));
	}

	private ServerResponse groupAction(ServerRequest request) {
		String action = request.pathVariable("action");
		String user = DashboardAccess.user(request.servletRequest());
		return this.operations.group(request.pathVariable("fingerprint")).map((group) -> switch (action) {
			case "replay" -> accepted(this.operations.replayGroup(group, user));
			case "delete" -> accepted(this.operations.deleteGroup(group, user));
			case "resolve" -> resolved(group, user);
			case "reopen" -> reopened(group.fingerprint(), user);
			default -> error(HttpStatus.NOT_FOUND,
					"No action '" + action + "' (actions: replay, delete, resolve, reopen)");
		}).orElseGet(() -> "reopen".equals(action) ? reopened(request.pathVariable("fingerprint"), user)
				: error(HttpStatus.NOT_FOUND, "No dead letters with that fingerprint"));
	}

	private ServerResponse resolved(FailureGroups.Group group, String user) {
		this.operations.resolve(group, user);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("fingerprint", group.fingerprint());
		body.put("state", FailureGroups.State.RESOLVED);
		return json(body);
	}

	/** A mark can be taken away after its group has gone (replayed or deleted), too. */
	private ServerResponse reopened(String fingerprint, String user) {
		if (!this.operations.reopen(fingerprint, user)) {
			return error(HttpStatus.NOT_FOUND, "The cause " + fingerprint + " is not marked resolved");
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("fingerprint", fingerprint);
		body.put("state", FailureGroups.State.OPEN);
		return json(body);
	}

	private ServerResponse accepted(BulkActions.Progress progress) {
		Map<String, Object> body = progress.json();
		body.put("url", this.base + "/api/actions/" + progress.id());
		return ServerResponse.accepted().contentType(MediaType.APPLICATION_JSON).body(body);
	}

	private ServerResponse actionProgress(ServerRequest request) {
		return this.operations.action(request.pathVariable("id"))
			.map((progress) -> json(progress.json()))
			.orElseGet(() -> error(HttpStatus.NOT_FOUND, "No such action (actions are kept until a restart)"));
	}

	private ServerResponse replayEdited(ServerRequest request) throws Exception {
		String args = request.body(String.class);
		try {
			String newId = this.operations.replayEdited(request.pathVariable("id"), args,
					DashboardAccess.user(request.servletRequest()));
			return json(Map.of("jobId", newId, "url", this.base + "/jobs/" + newId));
		}
		catch (IllegalArgumentException ex) {
			return error(HttpStatus.BAD_REQUEST, ex.getMessage());
		}
	}

	private ServerResponse jobAction(ServerRequest request) {
		String id = request.pathVariable("id");
		String user = DashboardAccess.user(request.servletRequest());
		return switch (request.pathVariable("action")) {
			case "cancel" -> {
				this.operations.cancel(id, user);
				yield json(Map.of("cancelled", id));
			}
			case "retry" -> json(Map.of("replayed", this.operations.retry(id, user)));
			case "delete" -> json(Map.of("deleted", this.operations.delete(id, user)));
			default -> error(HttpStatus.NOT_FOUND, "No job action of that name (actions: cancel, retry, delete)");
		};
	}

	private ServerResponse queueAction(ServerRequest request) {
		String name = request.pathVariable("name");
		String action = request.pathVariable("action");
		if (!"pause".equals(action) && !"resume".equals(action)) {
			return error(HttpStatus.NOT_FOUND, "No queue action '" + action + "' (actions: pause, resume)");
		}
		this.operations.pause(name, "pause".equals(action), DashboardAccess.user(request.servletRequest()));
		return json(Map.of("queue", name, "action", action));
	}

	private ServerResponse scheduleAction(ServerRequest request) {
		String name = request.pathVariable("name");
		String user = DashboardAccess.user(request.servletRequest());
		return switch (request.pathVariable("action")) {
			case "trigger" -> this.operations.triggerSchedule(name, user)
				.map((jobId) -> json(Map.of("schedule", name, "jobId", jobId)))
				.orElseGet(() -> error(HttpStatus.NOT_FOUND, "No schedule '" + name + "'"));
			case "pause", "resume" -> this.operations.pauseSchedule(name, "pause".equals(request.pathVariable("action")),
					user) ? json(Map.of("schedule", name, "action", request.pathVariable("action")))
							: error(HttpStatus.NOT_FOUND, "No schedule '" + name + "'");
			default -> error(HttpStatus.NOT_FOUND, "No schedule action of that name (actions: trigger, pause, resume)");
		};
	}

	private static Optional<String> param(ServerRequest request, String name) {
		return request.param(name).filter(StringUtils::hasText);
	}

	private static ServerResponse html(String page) {
		return html(HttpStatus.OK, page);
	}

	private static ServerResponse html(HttpStatus status, String page) {
		return ServerResponse.status(status).contentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8))
			.header("Cache-Control", "no-store")
			.body(page);
	}

	private static ServerResponse json(Object body) {
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(body);
	}

	private static ServerResponse error(HttpStatus status, String message) {
		return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON).body(Map.of("message", message));
	}

	/**
	 * Who is looking at a page, and what it may show them.
	 */
	record View(String user, boolean mayWrite, boolean showsArguments, Csrf csrf) {

	}

	/**
	 * Spring Security's CSRF token of the request, if it has one: read by name, so that the
	 * dashboard needs no Spring Security class.
	 */
	record Csrf(String headerName, String token) {

		static Csrf of(HttpServletRequest request) {
			Object token = request.getAttribute("_csrf");
			if (token == null) {
				return null;
			}
			org.springframework.beans.BeanWrapper wrapper = new org.springframework.beans.BeanWrapperImpl(token);
			return new Csrf(String.valueOf(wrapper.getPropertyValue("headerName")),
					String.valueOf(wrapper.getPropertyValue("token")));
		}

	}

}
