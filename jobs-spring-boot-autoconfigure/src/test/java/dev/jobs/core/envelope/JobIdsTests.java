package dev.jobs.core.envelope;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Job ids are version 7 UUIDs: unique without coordination, and in creation order wherever
 * they are listed as text (Redis keys, logs, dead-letter listings).
 */
class JobIdsTests {

	@Test
	void isAVersion7UuidWithTheRfcVariant() {
		UUID id = UUID.fromString(JobIds.next());

		assertThat(id.version()).isEqualTo(7);
		assertThat(id.variant()).isEqualTo(2);
	}

	@Test
	void isWrittenAsCanonicalLowerCaseText() {
		String id = JobIds.next();

		assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
		assertThat(UUID.fromString(id)).hasToString(id);
	}

	@Test
	void carriesTheMillisecondItWasCreatedIn() {
		long before = System.currentTimeMillis();
		UUID id = UUID.fromString(JobIds.next());
		long after = System.currentTimeMillis();

		assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
	}

	@Test
	void idsFromSuccessiveMillisecondsSortInCreationOrder() {
		List<String> created = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			created.add(JobIds.next());
			awaitNextMillisecond();
		}

		assertThat(created).isSorted();
	}

	@Test
	void hundredThousandIdsAreUnique() {
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 100_000; i++) {
			ids.add(JobIds.next());
		}

		assertThat(ids).hasSize(100_000);
	}

	private static void awaitNextMillisecond() {
		long now = System.currentTimeMillis();
		while (System.currentTimeMillis() == now) {
			Thread.onSpinWait();
		}
	}

	@Test
	void aDerivedIdIsTheSameForTheSameWorkAndSortsByItsMoment() {
		Instant slot = Instant.parse("2026-12-01T08:00:00Z");
		String id = JobIds.derived(slot, "schedule:daily-report:" + slot.toEpochMilli());
		UUID uuid = UUID.fromString(id);

		assertThat(JobIds.derived(slot, "schedule:daily-report:" + slot.toEpochMilli())).isEqualTo(id);
		assertThat(JobIds.derived(slot, "schedule:cleanup:" + slot.toEpochMilli())).isNotEqualTo(id);
		assertThat(uuid.version()).isEqualTo(8);
		assertThat(uuid.variant()).isEqualTo(2);
		assertThat(uuid.getMostSignificantBits() >>> 16).isEqualTo(slot.toEpochMilli());
		assertThat(JobIds.derived(slot.plusSeconds(1), "x")).isGreaterThan(id);
	}

}
