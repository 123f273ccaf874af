package dev.jobs.core.task;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.jobs.BackgroundTask;
import dev.jobs.OnLocked;
import dev.jobs.core.envelope.JobsJsonMapper;
import dev.jobs.core.retry.RetryPolicies;
import dev.jobs.core.retry.RetryPolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a task's annotation says about its keys, locks and limits, and how
 * {@code jobs.tasks.<name>.*} overrides it: configuration wins, {@code none} or {@code 0} lifts
 * what the annotation set, and a bad value names its property.
 */
class TaskKeysScanningTests {

	@Test
	void annotationSetsKeysLocksAndLimits() {
		TaskKeys keys = scan(TaskKeyOverrides.NONE);

		assertThat(keys.idempotency().expression()).hasToString("#customer");
		assertThat(keys.lock()).hasToString("'sync:' + #customer");
		assertThat(keys.lockTimeout()).isEqualTo(Duration.ofMinutes(2));
		assertThat(keys.onLocked()).isEqualTo(OnLocked.SKIP);
		assertThat(keys.rateLimit().limit()).isEqualTo(RateLimit.parse("10/m", "test"));
		assertThat(keys.rateLimit().key()).hasToString("#customer");
		assertThat(keys.concurrency().max()).isEqualTo(2);
		assertThat(keys.priority()).isEqualTo(3);
	}

	@Test
	void configurationLiftsWhatTheAnnotationSet() {
		TaskKeys keys = scan(new TaskKeyOverrides("none", "none", null, null, null, null, RateLimitScope.WORKER,
				"none", 0, null, null, null));

		assertThat(keys.idempotency()).isEqualTo(TaskKeys.Idempotency.NONE);
		assertThat(keys.lock()).isNull();
		assertThat(keys.rateLimit().key()).isNull();
		assertThat(keys.rateLimit().scope()).isEqualTo(RateLimitScope.WORKER);
		assertThat(keys.concurrency()).isNull();
	}

	@Test
	void aBadBurstNamesItsProperty() {
		assertThatExceptionOfType(TaskDefinitionException.class)
			.isThrownBy(() -> scan(new TaskKeyOverrides(null, null, null, null, null, 0, null, null, null, null, null, null)))
			.withMessageContaining("jobs.tasks.sync.rate-limit-burst");
	}

	@Test
	void hardTimeoutComesAfterTheTimeout() {
		TaskKeys keys = scan(timeouts(Duration.ofMinutes(10), Duration.ofMinutes(12)));

		assertThat(keys.timeout()).isEqualTo(Duration.ofMinutes(10));
		assertThat(keys.hardTimeout()).isEqualTo(Duration.ofMinutes(12));
	}

	@Test
	void hardTimeoutWithoutATimeoutNamesItsProperty() {
		assertThatExceptionOfType(TaskDefinitionException.class).isThrownBy(() -> scan(timeouts(null, Duration.ofMinutes(12))))
			.withMessageContaining("jobs.tasks.sync.hard-timeout")
			.withMessageContaining("needs a timeout");
	}

	@Test
	void hardTimeoutNotAfterTheTimeoutIsRefused() {
		assertThatExceptionOfType(TaskDefinitionException.class)
			.isThrownBy(() -> scan(timeouts(Duration.ofMinutes(10), Duration.ofMinutes(10))))
			.withMessageContaining("jobs.tasks.sync.hard-timeout")
			.withMessageContaining("must be longer than the timeout of PT10M");
	}

	private static TaskKeyOverrides timeouts(Duration timeout, Duration hardTimeout) {
		return new TaskKeyOverrides(null, null, null, null, null, null, null, null, null, null, timeout, hardTimeout);
	}

	private static TaskKeys scan(TaskKeyOverrides overrides) {
		TaskRegistry registry = new TaskRegistry(Map.of());
		new BackgroundTaskScanner(registry, JobsJsonMapper.create(),
				new TaskSettings("default", Map.of(), Map.of(), new RetryPolicies(RetryPolicy.none("default"), Map.of()),
						Map.of("sync", overrides)))
			.postProcessAfterInitialization(new SyncTasks(), "syncTasks");
		return registry.find("sync").orElseThrow().keys();
	}

	static class SyncTasks {

		@BackgroundTask(name = "sync", idempotencyKey = "#customer", lock = "'sync:' + #customer", lockTimeout = "2m",
				onLocked = OnLocked.SKIP, rateLimit = "10/m", rateLimitKey = "#customer", maxConcurrent = 2,
				concurrencyKey = "#customer", priority = 3)
		void sync(String customer) {
		}

	}

}
