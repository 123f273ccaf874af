package dev.jobs.actuate.endpoint;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

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
 * <li>{@code GET /actuator/jobs/dlq?limit=&task=&queue=&ids=} reads entries, leaving them in
 * the queue;</li>
 * <li>{@code POST /actuator/jobs/dlq/replay} with optional {@code limit}, {@code task},
 * {@code queue}, {@code ids} (JSON body or query) sends them back to their job queues;</li>
 * <li>{@code DELETE /actuator/jobs/dlq?task=|queue=|ids=} removes them for good, and requires
 * at least one of those.</li>
 * </ul>
 * Actuator reads a request body as a flat JSON object of strings, so {@code ids} is one
 * comma-separated string there ({@code {"ids": "id1,id2"}}); in a query it may also be
 * repeated.
 */
@EndpointWebExtension(endpoint = JobsEndpoint.class)
public class JobsEndpointWebExtension {

	private static final String DEAD_LETTERS = "dlq";

	private static final String REPLAY = "replay";

	private final JobsEndpoint delegate;

	private final Show showValues;

	private final Set<String> roles;

	/**
	 * The extension of an endpoint.
	 * @param delegate the endpoint
	 * @param showValues when job arguments are shown
	 * @param roles roles that may see job arguments when shown to authorized users; empty for
	 * any authenticated user
	 */
	public JobsEndpointWebExtension(JobsEndpoint delegate, Show showValues, Set<String> roles) {
		this.delegate = delegate;
		this.showValues = showValues;
		this.roles = Set.copyOf(roles);
	}

	/**
	 * Reads dead-letter entries, leaving them in the queue.
	 * @param securityContext the caller, for whether job arguments are shown
	 * @param section {@code dlq}
	 * @param limit the most entries, or {@code null} for {@value DeadLetterQuery#DEFAULT_BROWSE_LIMIT}
	 * @param task only this task, or {@code null}
	 * @param queue only this job queue, or {@code null}
	 * @param ids only these job ids, or {@code null}
	 * @return the entries, {@code 400} for a bad limit, {@code 404} for another section
	 */
	@ReadOperation
	public WebEndpointResponse<Object> deadLetters(SecurityContext securityContext, @Selector String section,
			@Nullable Integer limit, @Nullable String task, @Nullable String queue, @Nullable List<String> ids) {
		if (!DEAD_LETTERS.equals(section)) {
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		return withQuery(limit, DeadLetterQuery.DEFAULT_BROWSE_LIMIT, task, queue, ids,
				(query) -> ok(this.delegate.deadLetters(query, this.showValues.isShown(securityContext, this.roles))));
	}

	/**
	 * Replays dead-letter entries to their job queues.
	 * @param section {@code dlq}
	 * @param action {@code replay}
	 * @param limit the most entries, or {@code null} for {@value DeadLetterQuery#DEFAULT_CHANGE_LIMIT}
	 * @param task only this task, or {@code null}
	 * @param queue only this job queue, or {@code null}
	 * @param ids only these job ids, or {@code null}
	 * @return how many were replayed and skipped, {@code 400} for a bad limit, {@code 404} for
	 * another path
	 */
	@WriteOperation
	public WebEndpointResponse<Object> replay(@Selector String section, @Selector String action,
			@Nullable Integer limit, @Nullable String task, @Nullable String queue, @Nullable List<String> ids) {
		if (!DEAD_LETTERS.equals(section) || !REPLAY.equals(action)) {
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		return withQuery(limit, DeadLetterQuery.DEFAULT_CHANGE_LIMIT, task, queue, ids,
				(query) -> ok(this.delegate.replay(query)));
	}

	/**
	 * Removes dead-letter entries for good.
	 * @param section {@code dlq}
	 * @param limit the most entries, or {@code null} for {@value DeadLetterQuery#DEFAULT_CHANGE_LIMIT}
	 * @param task only this task, or {@code null}
	 * @param queue only this job queue, or {@code null}
	 * @param ids only these job ids, or {@code null}
	 * @return how many were removed, {@code 400} without a task, queue or ids or for a bad
	 * limit, {@code 404} for another section
	 */
	@DeleteOperation
	public WebEndpointResponse<Object> purge(@Selector String section, @Nullable Integer limit, @Nullable String task,
			@Nullable String queue, @Nullable List<String> ids) {
		if (!DEAD_LETTERS.equals(section)) {
			return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
		}
		return withQuery(limit, DeadLetterQuery.DEFAULT_CHANGE_LIMIT, task, queue, ids,
				(query) -> query.isSelective() ? ok(this.delegate.purge(query))
						: badRequest("A purge needs a task, a queue or ids: DELETE /actuator/jobs/dlq?task=<task name>"
								+ " (or queue=<job queue>, or ids=<id>,<id>)"));
	}

	private static WebEndpointResponse<Object> withQuery(Integer limit, int defaultLimit, String task, String queue,
			List<String> ids, Function<DeadLetterQuery, WebEndpointResponse<Object>> operation) {
		DeadLetterQuery query;
		try {
			List<String> named = (ids != null) ? ids.stream().filter(StringUtils::hasText).map(String::trim).toList()
					: List.of();
			query = new DeadLetterQuery((limit != null) ? limit : defaultLimit,
					StringUtils.hasText(task) ? task : null, StringUtils.hasText(queue) ? queue : null,
					Set.copyOf(named));
		}
		catch (IllegalArgumentException ex) {
			return badRequest(ex.getMessage());
		}
		return operation.apply(query);
	}

	private static WebEndpointResponse<Object> ok(Object body) {
		return new WebEndpointResponse<>(body);
	}

	private static WebEndpointResponse<Object> badRequest(String message) {
		return new WebEndpointResponse<>(new ErrorDescriptor(message), WebEndpointResponse.STATUS_BAD_REQUEST);
	}

	/**
	 * Why a request was refused.
	 *
	 * @param message what was wrong and how to ask instead
	 */
	public record ErrorDescriptor(String message) {

	}

}
