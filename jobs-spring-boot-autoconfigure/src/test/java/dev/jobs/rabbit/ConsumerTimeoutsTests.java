package dev.jobs.rabbit;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.jobs.core.envelope.ArgumentCodec;
import dev.jobs.core.envelope.JobsJsonMapper;
import dev.jobs.core.execution.RunningJobs;
import dev.jobs.core.execution.TimeLimits;
import dev.jobs.core.retry.RetryPolicy;
import dev.jobs.core.task.TaskDefinition;
import dev.jobs.core.task.TaskKeys;
import dev.jobs.rabbit.topology.RabbitVersion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link ConsumerTimeouts}: the start-up check against an older broker's timeout, and
 * the per-consumer timeout a newer broker is given.
 */
class ConsumerTimeoutsTests {

	private static final RabbitVersion OLD = new RabbitVersion(3, 10);

	private static final RabbitVersion NEW = new RabbitVersion(3, 13);

	private static final List<WorkerQueue> QUEUES = List.of(new WorkerQueue("reports", 8, 16, 10));

	private final List<TaskDefinition> tasks = new ArrayList<>();

	@Test
	void taskWhoseHardLimitReachesTheBrokersTimeoutFailsTheStartNamingBoth() {
		this.tasks.add(task("nightly-export", Duration.ofMinutes(30)));
		assertThatIllegalStateException().isThrownBy(() -> timeouts(ConsumerTimeoutCheck.FAIL, Duration.ofMinutes(25))
			.verify(OLD, QUEUES))
			.withMessageContaining("'nightly-export'")
			.withMessageContaining("PT30M30S")
			.withMessageContaining("consumer_timeout of PT30M");
	}

	@Test
	void tasksOwnHardTimeoutIsWhatIsCompared() {
		this.tasks.add(task("nightly-export", Duration.ofMinutes(20), Duration.ofMinutes(31)));
		assertThatIllegalStateException().isThrownBy(() -> timeouts(ConsumerTimeoutCheck.FAIL, Duration.ofMinutes(25))
			.verify(OLD, QUEUES))
			.withMessageContaining("'nightly-export'")
			.withMessageContaining("PT31M");
	}

	@Test
	void defaultLimitUnderTheBrokersTimeoutPasses() {
		this.tasks.add(task("send-mail", null));
		assertThatNoException().isThrownBy(() -> timeouts(ConsumerTimeoutCheck.FAIL, Duration.ofMinutes(25))
			.verify(OLD, QUEUES));
	}

	@Test
	void taskWithNoLimitAtAllFailsTheStart() {
		this.tasks.add(task("forever", null));
		assertThatIllegalStateException().isThrownBy(() -> timeouts(ConsumerTimeoutCheck.FAIL, null)
			.verify(OLD, QUEUES))
			.withMessageContaining("'forever' has no time limit");
	}

	@Test
	void warnAndOffStartAnyway() {
		this.tasks.add(task("nightly-export", Duration.ofHours(2)));
		assertThatNoException().isThrownBy(() -> timeouts(ConsumerTimeoutCheck.WARN, null).verify(OLD, QUEUES));
		assertThatNoException().isThrownBy(() -> timeouts(ConsumerTimeoutCheck.OFF, null).verify(OLD, QUEUES));
	}

	@Test
	void brokerThatTakesAPerConsumerTimeoutGetsOneCoveringThePrefetchAndIsNotChecked() {
		this.tasks.add(task("nightly-export", Duration.ofHours(2)));
		this.tasks.add(task("send-mail", Duration.ofSeconds(10)));
		ConsumerTimeouts timeouts = timeouts(ConsumerTimeoutCheck.FAIL, Duration.ofMinutes(25));

		assertThatNoException().isThrownBy(() -> timeouts.verify(NEW, QUEUES));
		// 4 deliveries of up to 2h30s each, plus a minute.
		assertThat(timeouts.consumerArguments(NEW, 4)).containsEntry("x-consumer-timeout",
				(int) Duration.ofHours(8).plusMinutes(3).toMillis());
		assertThat(timeouts.consumerArguments(OLD, 4)).isEmpty();
	}

	@Test
	void perConsumerTimeoutIsCappedAtWhatTheBrokerReads() {
		this.tasks.add(task("nightly-export", Duration.ofDays(20)));
		assertThat(timeouts(ConsumerTimeoutCheck.FAIL, null).consumerArguments(NEW, 16))
			.containsEntry("x-consumer-timeout", Integer.MAX_VALUE);
	}

	@Test
	void taskWithNoLimitGetsNoPerConsumerTimeout() {
		this.tasks.add(task("forever", null));
		assertThat(timeouts(ConsumerTimeoutCheck.FAIL, null).consumerArguments(NEW, 16)).isEmpty();
	}

	private ConsumerTimeouts timeouts(ConsumerTimeoutCheck check, Duration defaultLimit) {
		return new ConsumerTimeouts(Duration.ofMinutes(30), check, () -> this.tasks,
				new TimeLimits(new RunningJobs(), defaultLimit, Duration.ofSeconds(30)));
	}

	private static TaskDefinition task(String name, Duration timeout) {
		return task(name, timeout, null);
	}

	private static TaskDefinition task(String name, Duration timeout, Duration hardTimeout) {
		Method method = method();
		TaskKeys none = TaskKeys.NONE;
		TaskKeys keys = new TaskKeys(none.idempotency(), none.lock(), none.lockTimeout(), none.onLocked(),
				none.rateLimit(), none.concurrency(), none.priority(), timeout, hardTimeout);
		return new TaskDefinition(name, "reports", "tasks", () -> null, method,
				new ArgumentCodec(name, method, JobsJsonMapper.create()), RetryPolicy.none("default"), keys);
	}

	private static Method method() {
		try {
			return ConsumerTimeoutsTests.class.getDeclaredMethod("export", String.class);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
	}

	String export(String report) {
		return report;
	}

}
