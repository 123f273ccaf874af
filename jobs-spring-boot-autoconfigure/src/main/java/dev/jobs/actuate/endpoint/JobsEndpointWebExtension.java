package dev.jobs.actuate.endpoint;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.jobs.FailureReason;
import dev.jobs.core.port.DeadLetterQuery;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;
import org.springframework.util.StringUtils;

/**
 * {@link EndpointWebExtension @EndpointWebExtension} for the {@link JobsEndpoint}: the
 * dead-letter queue over HTTP.
 * <ul>
 * <li>{@code GET /actuator/jobs/dlq?limit=&task=&queue=&ids=&reason=&messageIds=&positions=}
 * reads entries, leaving them in the queue;</li>
 * <li>{@code POST /actuator/jobs/dlq/replay} with the same optional selectors (JSON body or
 * query) sends them back to their job queues;</li>
 * <li>{@code DELETE /actuator/jobs/dlq} with the same selectors removes them for good, and
 * requires at least one.</li>
 * </ul>
 * Entries whose body is not a job (no job id, no task) are selected by {@code reason},
 * {@code messageIds} or {@code positions}. Actuator reads a request body as a flat JSON object
 * of strings, so a list is one comma-separated string there ({@code {"ids": "id1,id2"}}); in a
 * query it may also be repeated.
 */
@EndpointWebExtension(endpoint = JobsEndpoint.class)
public class JobsEndpointWebExtension {

	private static final String DEAD_LETTERS = "dlq";

	private static final String REPLAY = "replay";

	private static final String CANCEL = "cancel";

	private static final String SCHEDULES = "schedules";

	private static final String QUEUES = "queues";

	private static final String BREAKERS = "breakers";

	private final JobsEndpoint delegate;

	private final Show showValues;

	private final Set<String> roles;

	private final JobLookup lookup;

	private final Set<String> writeRoles;

	/**
	 * The extension of an endpoint.
	 * @param delegate the endpoint
	 * @param showValues when job arguments are shown
	 * @param roles roles that may see job arguments when shown to authorized users; empty for
	 * any authenticated user
	 */
	public JobsEndpointWebExtension(JobsEndpoint delegate, Show showValues, Set<String> roles) {
		this(delegate, showValues, roles, null);
	}

	/**
	 * The extension of an endpoint that also shows single jobs, workflows and batches.
	 * @param delegate the endpoint
	 * @param showValues when job arguments are shown
	 * @param roles roles that may see job arguments when shown to authorized users; empty for
	 * any authenticated user
	 * @param lookup finds a job, workflow or batch by id, or {@code null} for none
	 */
	public JobsEndpointWebExtension(JobsEndpoint delegate, Show showValues, Set<String> roles, JobLookup lookup) {
		this(delegate, showValues, roles, lookup, Set.of());
	}

	/**
	 * The extension of an endpoint whose write operations need a role.
	 * @param delegate the endpoint
	 * @param showValues when job arguments are shown
	 * @param roles roles that may see job arguments when shown to authorized users; empty for
	 * any authenticated user
	 * @param lookup finds a job, workflow or batch by id, or {@code null} for none
	 * @param writeRoles roles of which a caller must have one to replay, purge or cancel
	 * ({@code 403} otherwise); empty to leave writes to the endpoint's own access rules
	 */
	public JobsEndpointWebExtension(JobsEndpoint delegate, Show showValues, Set<String> roles, JobLookup lookup,
			Set<String> writeRoles) {
		this.delegate = delegate;
		this.showValues = showValues;
		this.roles = Set.copyOf(roles);
		this.lookup = lookup;
		this.writeRoles = Set.copyOf(writeRoles);
	}

	/** Whether the caller may change anything: any caller without write roles, else one of them. */
	private boolean mayWrite(SecurityContext caller) {
		return this.writeRoles.isEmpty() || this.writeRoles.stream().anyMatch(caller::isUserInRole);
	}

	private static WebEndpointResponse<Object> forbidden() {
		return new WebEndpointResponse<>(403);
	}

	/**
	 * Reads dead-letter entries, leaving them in the queue; or, for a section that is an id, the
	 * job, workflow or batch of that id ({@link JobLookup}).
	 * @param securityContext the caller, for whether job arguments are shown
	 * @param section {@code dlq}, or an id
	 * @param limit the most entries, or {@code null} for {@value DeadLetterQuery#DEFAULT_BROWSE_LIMIT}
	 * @param task only this task, or {@code null}
	 * @param queue only this job queue, or {@code null}
	 * @param ids only these job ids, or {@code null}
	 * @param reason only entries dead-lettered for this reason, or {@code null}
	 * @param messageIds only entries whose original message had one of these message ids, or
	 * {@code null}
	 * @param positions only the entries at these positions of the queue (0 for its head), or
	 * {@code null}
	 * @return the entries, {@code 400} for a bad limit, reason or position; the job of that id;
	 * {@code 404} for an id nothing is known under
	 */
	@ReadOperation
	public WebEndpointResponse<Object> deadLetters(SecurityContext securityContext, @Selector String section,
			@Nullable Integer limit, @Nullable String task, @Nullable String queue, @Nullable List<String> ids,
			@Nullable String reason, @Nullable List<String> messageIds, @Nullable List<String> positions) {
		if (!DEAD_LETTERS.equals(section)) {
			return (this.lookup != null) ? this.lookup.find(section)
				.map(JobsEndpointWebExtension::ok)
				.orElseGet(() -> new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND))
					: new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		return withQuery(limit, DeadLetterQuery.DEFAULT_BROWSE_LIMIT,
				new Selectors(task, queue, ids, reason, messageIds, positions),
				(query) -> ok(this.delegate.deadLetters(query, this.showValues.isShown(securityContext, this.roles))));
	}

	/**
	 * Replays dead-letter entries to their job queues; or, for {@code {id}/cancel}, cancels the
	 * job or workflow of that id ({@code jobs.cancel(id)}) and answers its state.
	 * @param securityContext the caller, for {@code jobs.actuate.write-roles}
	 * @param section {@code dlq}, or a job or workflow id
	 * @param action {@code replay}, or {@code cancel}
	 * @param limit the most entries, or {@code null} for {@value DeadLetterQuery#DEFAULT_CHANGE_LIMIT}
	 * @param task only this task, or {@code null}
	 * @param queue only this job queue, or {@code null}
	 * @param ids only these job ids, or {@code null}
	 * @param reason only entries dead-lettered for this reason, or {@code null}
	 * @param messageIds only entries whose original message had one of these message ids, or
	 * {@code null}
	 * @param positions only the entries at these positions of the queue (0 for its head), or
	 * {@code null}
	 * @return how many were replayed and skipped, {@code 400} for a bad limit, reason or
	 * position, {@code 404} for another path
	 */
	@WriteOperation
	public WebEndpointResponse<Object> replay(SecurityContext securityContext, @Selector String section,
			@Selector String action, @Nullable Integer limit, @Nullable String task, @Nullable String queue,
			@Nullable List<String> ids, @Nullable String reason, @Nullable List<String> messageIds,
			@Nullable List<String> positions) {
		if (!mayWrite(securityContext)) {
			return forbidden();
		}
		if (CANCEL.equals(action) && !DEAD_LETTERS.equals(section) && this.lookup != null) {
			return this.lookup.cancel(section)
				.map(JobsEndpointWebExtension::ok)
				.orElseGet(() -> new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND));
		}
		if (!DEAD_LETTERS.equals(section) || !REPLAY.equals(action)) {
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		return withQuery(limit, DeadLetterQuery.DEFAULT_CHANGE_LIMIT,
				new Selectors(task, queue, ids, reason, messageIds, positions),
				(query) -> ok(this.delegate.replay(query)));
	}

	/**
	 * Acts on a schedule or a job queue, on every instance. For {@code schedules}:
	 * {@code trigger} enqueues one job now, {@code pause} stops its slots from firing and
	 * {@code resume} lets them fire again. For {@code queues}: {@code pause} stops every
	 * instance's consumers of the queue from taking new jobs (those running finish) and
	 * {@code resume} lets them take jobs again.
	 * <p>Takes no caller, so that it needs no request body: Actuator reads any parameter that is
	 * not a selector as a JSON body, and {@code POST .../trigger} has always worked without one.
	 * So {@code jobs.actuate.write-roles} does not reach these actions; secure them as the
	 * endpoint's other requests (see {@code docs/operations.md}).
	 * @param section {@code schedules}, {@code queues} or {@code breakers}
	 * @param name the schedule's or the queue's name, or the task of a circuit breaker
	 * @param action {@code trigger}, {@code pause} or {@code resume}; {@code open} or
	 * {@code close} for a breaker
	 * @return what was done, {@code 404} for an unknown schedule, queue, breaker, action or path
	 */
	@WriteOperation
	public WebEndpointResponse<Object> act(@Selector String section, @Selector String name,
			@Selector String action) {
		if (QUEUES.equals(section)) {
			return queue(name, action);
		}
		if (BREAKERS.equals(section)) {
			return breaker(name, action);
		}
		if (!SCHEDULES.equals(section)) {
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		Optional<JobsEndpoint.ScheduleActionDescriptor> done = switch (action) {
			case "trigger" -> this.delegate.triggerSchedule(name);
			case "pause" -> this.delegate.pauseSchedule(name, true);
			case "resume" -> this.delegate.pauseSchedule(name, false);
			default -> Optional.empty();
		};
		return done.<WebEndpointResponse<Object>>map(JobsEndpointWebExtension::ok)
			.orElseGet(() -> new WebEndpointResponse<>(
					new ErrorDescriptor("No schedule '" + name + "' with an action '" + action
							+ "' (actions: trigger, pause, resume; schedules: GET /actuator/jobs)"),
					WebEndpointResponse.STATUS_NOT_FOUND));
	}

	private WebEndpointResponse<Object> breaker(String task, String action) {
		Optional<JobsEndpoint.BreakerActionDescriptor> done = switch (action) {
			case "open" -> this.delegate.forceBreaker(task, true);
			case "close" -> this.delegate.forceBreaker(task, false);
			default -> Optional.empty();
		};
		return done.<WebEndpointResponse<Object>>map(JobsEndpointWebExtension::ok)
			.orElseGet(() -> new WebEndpointResponse<>(
					new ErrorDescriptor("No circuit breaker of task '" + task + "' with an action '" + action
							+ "' (actions: open, close; breakers: GET /actuator/jobs)"),
					WebEndpointResponse.STATUS_NOT_FOUND));
	}

	private WebEndpointResponse<Object> queue(String name, String action) {
		Optional<JobsEndpoint.QueueActionDescriptor> done = switch (action) {
			case "pause" -> this.delegate.pauseQueue(name, true);
			case "resume" -> this.delegate.pauseQueue(name, false);
			default -> Optional.empty();
		};
		return done.<WebEndpointResponse<Object>>map(JobsEndpointWebExtension::ok)
			.orElseGet(() -> new WebEndpointResponse<>(
					new ErrorDescriptor("No job queue '" + name + "' with an action '" + action
							+ "' (actions: pause, resume; queues: GET /actuator/jobs)"),
					WebEndpointResponse.STATUS_NOT_FOUND));
	}

	/**
	 * Removes dead-letter entries for good.
	 * @param securityContext the caller, for {@code jobs.actuate.write-roles}
	 * @param section {@code dlq}
	 * @param limit the most entries, or {@code null} for {@value DeadLetterQuery#DEFAULT_CHANGE_LIMIT}
	 * @param task only this task, or {@code null}
	 * @param queue only this job queue, or {@code null}
	 * @param ids only these job ids, or {@code null}
	 * @param reason only entries dead-lettered for this reason, or {@code null}
	 * @param messageIds only entries whose original message had one of these message ids, or
	 * {@code null}
	 * @param positions only the entries at these positions of the queue (0 for its head), or
	 * {@code null}
	 * @return how many were removed, {@code 400} without any selector or for a bad limit,
	 * reason or position, {@code 404} for another section
	 */
	@DeleteOperation
	public WebEndpointResponse<Object> purge(SecurityContext securityContext, @Selector String section,
			@Nullable Integer limit, @Nullable String task,
			@Nullable String queue, @Nullable List<String> ids, @Nullable String reason,
			@Nullable List<String> messageIds, @Nullable List<String> positions) {
		if (!mayWrite(securityContext)) {
			return forbidden();
		}
		if (!DEAD_LETTERS.equals(section)) {
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		return withQuery(limit, DeadLetterQuery.DEFAULT_CHANGE_LIMIT,
				new Selectors(task, queue, ids, reason, messageIds, positions),
				(query) -> query.isSelective() ? ok(this.delegate.purge(query))
						: badRequest("A purge needs a selector: DELETE /actuator/jobs/dlq?task=<task name> (or"
								+ " queue=<job queue>, ids=<id>,<id>, reason=<reason>, messageIds=<id>,<id> or"
								+ " positions=<n>,<n>)"));
	}

	private static WebEndpointResponse<Object> withQuery(Integer limit, int defaultLimit, Selectors selectors,
			Function<DeadLetterQuery, WebEndpointResponse<Object>> operation) {
		DeadLetterQuery query;
		try {
			query = DeadLetterQuery.first((limit != null) ? limit : defaultLimit)
				.task(StringUtils.hasText(selectors.task()) ? selectors.task() : null)
				.queue(StringUtils.hasText(selectors.queue()) ? selectors.queue() : null)
				.ids(named(selectors.ids()))
				.reason(reason(selectors.reason()))
				.messageIds(named(selectors.messageIds()))
				.positions(named(selectors.positions()).stream().map(JobsEndpointWebExtension::position)
					.collect(Collectors.toSet()));
		}
		catch (IllegalArgumentException ex) {
			return badRequest(ex.getMessage());
		}
		return operation.apply(query);
	}

	private static Set<String> named(List<String> values) {
		return (values != null)
				? values.stream().filter(StringUtils::hasText).map(String::trim).collect(Collectors.toSet()) : Set.of();
	}

	private static FailureReason reason(String name) {
		if (!StringUtils.hasText(name)) {
			return null;
		}
		try {
			return FailureReason.valueOf(name.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("No dead-letter reason named '" + name + "'; known: "
					+ Arrays.toString(FailureReason.values()));
		}
	}

	private static Integer position(String text) {
		try {
			int position = Integer.parseInt(text);
			if (position >= 0) {
				return position;
			}
		}
		catch (NumberFormatException ex) {
			// refused below
		}
		throw new IllegalArgumentException("Position '" + text + "' is not a number of 0 or more (0 is the head"
				+ " of the dead-letter queue)");
	}

	private static WebEndpointResponse<Object> ok(Object body) {
		return new WebEndpointResponse<>(body);
	}

	private static WebEndpointResponse<Object> badRequest(String message) {
		return new WebEndpointResponse<>(new ErrorDescriptor(message), WebEndpointResponse.STATUS_BAD_REQUEST);
	}

	/**
	 * The selectors of a dead-letter request, as given.
	 */
	private record Selectors(String task, String queue, List<String> ids, String reason, List<String> messageIds,
			List<String> positions) {

	}

	/**
	 * Why a request was refused.
	 *
	 * @param message what was wrong and how to ask instead
	 */
	public record ErrorDescriptor(String message) {

	}

}
