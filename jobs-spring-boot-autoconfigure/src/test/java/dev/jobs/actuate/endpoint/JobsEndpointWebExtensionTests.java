package dev.jobs.actuate.endpoint;

import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.jobs.FailureReason;
import dev.jobs.actuate.metrics.JobCounters;
import dev.jobs.core.envelope.JobsJsonMapper;
import dev.jobs.core.port.DeadLetterEntry;
import dev.jobs.core.port.DeadLetterQuery;
import dev.jobs.core.port.MessageAttributes;
import dev.jobs.core.port.DeadLetterQueue;
import dev.jobs.core.port.QueueInspector;
import dev.jobs.core.port.ReplayResult;
import dev.jobs.core.port.ScheduleOperations;
import tools.jackson.databind.node.ArrayNode;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dead-letter operations of {@code /actuator/jobs} as the web layer calls them, over an
 * in-memory dead-letter queue: what is shown to whom, and which requests are refused.
 */
class JobsEndpointWebExtensionTests {

	private static final SecurityContext ANONYMOUS = SecurityContext.NONE;

	private static final SecurityContext OPERATOR = new User("ops", "JOBS_ADMIN");

	private static final SecurityContext VIEWER = new User("viewer", "VIEWER");

	private final RecordingDeadLetterQueue deadLetters = new RecordingDeadLetterQueue();

	@Test
	void argumentsAreHiddenByDefault() {
		assertThat(argsSeenBy(Show.NEVER, OPERATOR)).isEqualTo("******");
	}

	@Test
	void argumentsAreShownAlwaysWhenConfigured() {
		assertThat(argsSeenBy(Show.ALWAYS, ANONYMOUS)).isEqualTo(List.of("alice@example.com", 42));
	}

	@Test
	void argumentsAreShownOnlyToUsersInARoleWhenAuthorizedIsRequired() {
		assertThat(argsSeenBy(Show.WHEN_AUTHORIZED, OPERATOR)).isEqualTo(List.of("alice@example.com", 42));
		assertThat(argsSeenBy(Show.WHEN_AUTHORIZED, VIEWER)).isEqualTo("******");
		assertThat(argsSeenBy(Show.WHEN_AUTHORIZED, ANONYMOUS)).isEqualTo("******");
	}

	@Test
	void browseAndReplayPassTheirFiltersAndDefaultLimits() {
		JobsEndpointWebExtension extension = extension(Show.NEVER);

		extension.deadLetters(ANONYMOUS, "dlq", null, "send-webhook", null, null, null, null, null);
		extension.replay(SecurityContext.NONE, "dlq", "replay", null, null, "critical", List.of("id-1", " ", "id-2"), null, null, null);

		assertThat(this.deadLetters.queries).containsExactly(
				DeadLetterQuery.first(DeadLetterQuery.DEFAULT_BROWSE_LIMIT).task("send-webhook"),
				DeadLetterQuery.first(DeadLetterQuery.DEFAULT_CHANGE_LIMIT).queue("critical").ids(Set.of("id-1", "id-2")));
	}

	/**
	 * Letters whose body is not a job have no id or task: they are selected by reason, by
	 * their original message id or by position.
	 */
	@Test
	void browsePassesReasonMessageIdsAndPositions() {
		extension(Show.NEVER).deadLetters(ANONYMOUS, "dlq", null, null, null, null, "MALFORMED", List.of("m-1"),
				List.of("3", " 7"));

		assertThat(this.deadLetters.queries).containsExactly(DeadLetterQuery.first(DeadLetterQuery.DEFAULT_BROWSE_LIMIT)
			.reason(FailureReason.MALFORMED)
			.messageIds(Set.of("m-1"))
			.positions(Set.of(3, 7)));
	}

	@Test
	void unknownReasonOrBadPositionIsABadRequest() {
		WebEndpointResponse<Object> reason = extension(Show.NEVER).purge(SecurityContext.NONE, "dlq", null, null, null, null, "MALFORMD",
				null, null);
		WebEndpointResponse<Object> position = extension(Show.NEVER).purge(SecurityContext.NONE, "dlq", null, null, null, null, null, null,
				List.of("-1"));

		assertThat(reason.getStatus()).isEqualTo(400);
		assertThat(reason.getBody()).isInstanceOfSatisfying(JobsEndpointWebExtension.ErrorDescriptor.class,
				(error) -> assertThat(error.message()).contains("MALFORMD", "MALFORMED", "DELIVERY_LIMIT"));
		assertThat(position.getStatus()).isEqualTo(400);
		assertThat(this.deadLetters.purged).isFalse();
	}

	@Test
	void replayAnswersWithWhatItDid() {
		WebEndpointResponse<Object> response = extension(Show.NEVER).replay(SecurityContext.NONE, "dlq", "replay", 10, "t", null, null, null, null, null);

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getBody()).isEqualTo(new JobsEndpoint.ReplayDescriptor(3, 1));
	}

	@Test
	void purgeWithoutTaskQueueOrIdsIsABadRequestAndPurgesNothing() {
		WebEndpointResponse<Object> response = extension(Show.NEVER).purge(SecurityContext.NONE, "dlq", null, " ", null, List.of(), null, null, null);

		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getBody()).isInstanceOfSatisfying(JobsEndpointWebExtension.ErrorDescriptor.class,
				(error) -> assertThat(error.message()).contains("task", "queue", "ids"));
		assertThat(this.deadLetters.purged).isFalse();
	}

	@Test
	void limitOutOfRangeIsABadRequest() {
		assertThat(extension(Show.NEVER).deadLetters(ANONYMOUS, "dlq", 0, null, null, null, null, null, null).getStatus())
			.isEqualTo(400);
		assertThat(extension(Show.NEVER).replay(SecurityContext.NONE, "dlq", "replay", DeadLetterQuery.MAX_LIMIT + 1, null, null, null, null, null, null)
			.getStatus()).isEqualTo(400);
	}

	@Test
	void otherPathsAreNotFound() {
		JobsEndpointWebExtension extension = extension(Show.NEVER);

		assertThat(extension.deadLetters(ANONYMOUS, "queues", null, null, null, null, null, null, null).getStatus()).isEqualTo(404);
		assertThat(extension.replay(SecurityContext.NONE, "dlq", "retry", null, null, null, null, null, null, null).getStatus()).isEqualTo(404);
		assertThat(extension.purge(SecurityContext.NONE, "everything", null, "t", null, null, null, null, null).getStatus()).isEqualTo(404);
		assertThat(this.deadLetters.queries).isEmpty();
	}

	@Test
	void withWriteRolesOnlyACallerInOneOfThemChangesAnything() {
		JobsEndpointWebExtension extension = new JobsEndpointWebExtension(endpoint(), Show.NEVER, Set.of(), null,
				Set.of("JOBS_ADMIN"));

		assertThat(extension.replay(VIEWER, "dlq", "replay", null, "t", null, null, null, null, null).getStatus())
			.isEqualTo(403);
		assertThat(extension.purge(ANONYMOUS, "dlq", null, "t", null, null, null, null, null).getStatus())
			.isEqualTo(403);
		assertThat(extension.replay(VIEWER, "some-job", "cancel", null, null, null, null, null, null, null).getStatus())
			.isEqualTo(403);
		assertThat(this.deadLetters.queries).isEmpty();

		assertThat(extension.replay(OPERATOR, "dlq", "replay", null, "t", null, null, null, null, null).getStatus())
			.isEqualTo(200);
		assertThat(extension.deadLetters(VIEWER, "dlq", null, null, null, null, null, null, null).getStatus())
			.isEqualTo(200);
	}

	private Object argsSeenBy(Show show, SecurityContext user) {
		WebEndpointResponse<Object> response = extension(show).deadLetters(user, "dlq", null, null, null, null, null, null, null);
		assertThat(response.getStatus()).isEqualTo(200);
		JobsEndpoint.DeadLettersDescriptor body = (JobsEndpoint.DeadLettersDescriptor) response.getBody();
		return body.entries().get(0).args();
	}

	private JobsEndpointWebExtension extension(Show show) {
		return new JobsEndpointWebExtension(endpoint(), show, Set.of("JOBS_ADMIN"));
	}

	private JobsEndpoint endpoint() {
		QueueInspector noBroker = () -> {
			throw new IllegalStateException("not used");
		};
		return new JobsEndpoint(noBroker, this.deadLetters, new JobCounters(), List.of(), () -> false, List.of(),
				ScheduleOperations.NONE);
	}

	private static final class RecordingDeadLetterQueue implements DeadLetterQueue {

		private final List<DeadLetterQuery> queries = new ArrayList<>();

		private boolean purged;

		@Override
		public List<DeadLetterEntry> browse(DeadLetterQuery query) {
			this.queries.add(query);
			ArrayNode args = JobsJsonMapper.create().createArrayNode().add("alice@example.com").add(42);
			return List.of(new DeadLetterEntry("id-1", "send-webhook", "critical", args, 3, "java.io.IOException",
					"connection reset", "java.io.IOException: connection reset", Instant.EPOCH, Instant.EPOCH,
					FailureReason.NOT_RETRYABLE, 0, MessageAttributes.none(), 0));
		}

		@Override
		public ReplayResult replay(DeadLetterQuery query) {
			this.queries.add(query);
			return new ReplayResult(3, 1);
		}

		@Override
		public int purge(DeadLetterQuery query) {
			this.purged = true;
			return 0;
		}

	}

	private record User(String name, String role) implements SecurityContext {

		@Override
		public Principal getPrincipal() {
			return () -> this.name;
		}

		@Override
		public boolean isUserInRole(String role) {
			return this.role.equals(role);
		}

	}

}
