package dev.jobs.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.jobs.FailureReason;
import dev.jobs.core.port.DeadLetterEntry;
import dev.jobs.core.port.FailureResolutions.Resolution;
import dev.jobs.core.port.MessageAttributes;

import static org.assertj.core.api.Assertions.assertThat;

class FailureGroupsTests {

	private static final String TRACE = """
			java.lang.IllegalStateException: order 4711 not found
				at java.base/java.util.Optional.orElseThrow(Optional.java:403)
				at com.example.orders.OrderService.load(OrderService.java:42)
				at org.springframework.aop.support.AopUtils.invokeJoinpointUsingReflection(AopUtils.java:359)
			""";

	@Test
	void failuresThatDifferOnlyInIdsAndNumbersAreOneGroup() {
		List<FailureGroups.Group> groups = FailureGroups.of(List.of(
				entry("1", "send-invoice", "IllegalStateException", "order 4711 not found", TRACE, 10),
				entry("2", "send-invoice", "IllegalStateException", "order 815 not found", TRACE.replace("4711", "815"),
						20),
				entry("3", "ship-order", "IllegalStateException", "order 'A-17' not found", TRACE, 30)));

		assertThat(groups).hasSize(2);
		FailureGroups.Group numbered = groups.get(0);
		assertThat(numbered.count()).isEqualTo(2);
		assertThat(numbered.message()).isEqualTo("order # not found");
		assertThat(numbered.frame()).isEqualTo("com.example.orders.OrderService.load(OrderService.java:42)");
		assertThat(numbered.tasks()).containsExactly("send-invoice");
		assertThat(numbered.jobIds()).containsExactly("1", "2");
		assertThat(numbered.firstSeen()).isEqualTo(Instant.ofEpochSecond(10));
		assertThat(numbered.lastSeen()).isEqualTo(Instant.ofEpochSecond(21));
	}

	@Test
	void aMarkedCauseIsResolvedUntilAnEntryFailsAfterTheMarkAndResolvedGroupsComeLast() {
		List<FailureGroups.Group> groups = FailureGroups.of(List.of(
				entry("1", "send-invoice", "IllegalStateException", "order 4711 not found", TRACE, 10),
				entry("2", "send-invoice", "IllegalStateException", "order 815 not found", TRACE, 20),
				entry("3", "ship-order", "IllegalArgumentException", "no carrier", TRACE, 30),
				entry("4", "bill", "IllegalStateException", "no card", TRACE.replace(":42)", ":57)"), 40)));
		String invoices = groups.get(0).fingerprint();
		String carriers = FailureGroups.fingerprintOf(
				entry("3", "ship-order", "IllegalArgumentException", "no carrier", TRACE, 30));

		List<FailureGroups.Group> marked = FailureGroups.marked(groups,
				Map.of(invoices, new Resolution(Instant.ofEpochSecond(100), "ops"), carriers,
						new Resolution(Instant.ofEpochSecond(5), "ops")));

		assertThat(marked).extracting(FailureGroups.Group::state)
			.containsExactly(FailureGroups.State.RECURRED, FailureGroups.State.OPEN, FailureGroups.State.RESOLVED);
		assertThat(marked.get(2).fingerprint()).isEqualTo(invoices);
		assertThat(marked.get(2).resolution().user()).isEqualTo("ops");
		assertThat(marked.get(0).fingerprint()).isEqualTo(carriers);
	}

	@Test
	void theSameMessageThrownAtAnotherLineIsAnotherGroup() {
		List<FailureGroups.Group> groups = FailureGroups.of(List.of(
				entry("1", "t", "IllegalStateException", "boom", TRACE, 1),
				entry("2", "t", "IllegalStateException", "boom", TRACE.replace(":42)", ":57)"), 2)));

		assertThat(groups).hasSize(2).allSatisfy((group) -> assertThat(group.count()).isOne());
	}

	@Test
	void anEntryWithoutAnErrorIsGroupedByItsReason() {
		List<FailureGroups.Group> groups = FailureGroups.of(List.of(new DeadLetterEntry(null, null, null, null, 0, null,
				null, null, null, null, FailureReason.MALFORMED, 0, new MessageAttributes(null, null, null, null), 0)));

		assertThat(groups).singleElement().satisfies((group) -> {
			assertThat(group.errorType()).isEqualTo("MALFORMED");
			assertThat(group.jobIds()).isEmpty();
		});
	}

	private static DeadLetterEntry entry(String id, String task, String type, String message, String trace,
			long at) {
		return new DeadLetterEntry(id, task, "default", null, 3, type, message, trace, Instant.ofEpochSecond(at),
				Instant.ofEpochSecond(at + 1), FailureReason.RETRIES_EXHAUSTED, 0,
				new MessageAttributes(id, null, null, null), 0);
	}

}
