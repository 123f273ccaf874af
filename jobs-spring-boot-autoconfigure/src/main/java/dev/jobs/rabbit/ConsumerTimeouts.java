package dev.jobs.rabbit;

import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.jobs.core.execution.TimeLimits;
import dev.jobs.core.task.TaskDefinition;
import dev.jobs.rabbit.topology.RabbitVersion;

/**
 * Keeps the broker's {@code consumer_timeout} from running a job twice. RabbitMQ closes the
 * channel of a delivery left unacknowledged longer than that (30 minutes by default) and
 * delivers it again elsewhere while the first run goes on. A delivery is held for as long as its
 * run may take: up to its task's hard time limit (the limit, or {@code jobs.worker.default-timeout},
 * plus {@code jobs.worker.hard-timeout-grace}), after which the worker abandons it.
 * <ul>
 * <li>On RabbitMQ 3.12 or later, each consumer declares its own timeout
 * ({@code x-consumer-timeout}), long enough for every delivery pushed ahead to it to wait for
 * the ones before it: the prefetch times the longest hard limit, plus a minute.</li>
 * <li>On older brokers, the worker compares its longest hard limit with the broker's timeout
 * ({@code jobs.rabbit.consumer-timeout}: the management API does not tell it) when it starts,
 * and fails or warns as {@code jobs.rabbit.consumer-timeout-check} says.</li>
 * </ul>
 */
public final class ConsumerTimeouts {

	private static final Log logger = LogFactory.getLog(ConsumerTimeouts.class);

	private static final String ARGUMENT = "x-consumer-timeout";

	/** Left over the longest wait, so that a delivery abandoned at the very end is settled in time. */
	private static final Duration MARGIN = Duration.ofMinutes(1);

	/** RabbitMQ reads the argument as a 32-bit count of milliseconds. */
	private static final Duration LONGEST = Duration.ofMillis(Integer.MAX_VALUE);

	private final Duration brokerTimeout;

	private final ConsumerTimeoutCheck check;

	private final Supplier<? extends Collection<TaskDefinition>> tasks;

	private final TimeLimits limits;

	/**
	 * Consumer timeouts for the tasks this worker runs.
	 * @param brokerTimeout the broker's {@code consumer_timeout}, as configured
	 * @param check what to do at start-up when a task may outlast it
	 * @param tasks the tasks this worker runs, read when it starts
	 * @param limits the workers' time limits
	 */
	public ConsumerTimeouts(Duration brokerTimeout, ConsumerTimeoutCheck check,
			Supplier<? extends Collection<TaskDefinition>> tasks, TimeLimits limits) {
		this.brokerTimeout = brokerTimeout;
		this.check = check;
		this.tasks = tasks;
		this.limits = limits;
	}

	/**
	 * Whether a broker takes a consumer timeout per consumer.
	 * @param broker its version, or {@code null} if unknown
	 * @return {@code true} from RabbitMQ 3.12
	 */
	static boolean perConsumer(RabbitVersion broker) {
		return broker != null && broker.isAtLeast(3, 12);
	}

	/**
	 * Checks, as the worker starts, that no task may hold its delivery past the broker's timeout.
	 * @param broker the broker's version, or {@code null} if it could not be reached yet
	 * @param queues the queues the worker consumes
	 * @throws IllegalStateException if one may and the check is {@link ConsumerTimeoutCheck#FAIL}
	 */
	void verify(RabbitVersion broker, List<WorkerQueue> queues) {
		if (this.check == ConsumerTimeoutCheck.OFF || perConsumer(broker)) {
			return;
		}
		Optional<String> problem = problem();
		if (problem.isPresent() && this.check == ConsumerTimeoutCheck.FAIL) {
			throw new IllegalStateException(problem.get());
		}
		problem.ifPresent(logger::warn);
		if (problem.isEmpty()) {
			queues.forEach(this::warnOfLongWaitsAhead);
		}
	}

	/**
	 * The arguments of a consumer of a queue with the given prefetch.
	 * @param broker the broker's version
	 * @param prefetch the consumer's prefetch
	 * @return {@code x-consumer-timeout} where the broker takes it and every task has a limit,
	 * else none
	 */
	Map<String, Object> consumerArguments(RabbitVersion broker, int prefetch) {
		if (!perConsumer(broker)) {
			return Map.of();
		}
		Optional<Held> longest = longestHold();
		if (longest.isEmpty() || longest.get().hold() == null) {
			return Map.of();
		}
		Duration timeout = longest.get().hold().multipliedBy(Math.max(prefetch, 1)).plus(MARGIN);
		return Map.of(ARGUMENT, (int) ((timeout.compareTo(LONGEST) < 0) ? timeout : LONGEST).toMillis());
	}

	private Optional<String> problem() {
		Optional<Held> longest = longestHold();
		if (longest.isEmpty()) {
			return Optional.empty();
		}
		Held held = longest.get();
		if (held.hold() == null) {
			return Optional.of("Task '" + held.task() + "' has no time limit (none declared, and"
					+ " jobs.worker.default-timeout is 0), so a run may outlast RabbitMQ's consumer_timeout of "
					+ this.brokerTimeout + " (jobs.rabbit.consumer-timeout): the broker would then close the channel and"
					+ " run the job a second time elsewhere. " + remedies());
		}
		if (held.hold().compareTo(this.brokerTimeout) >= 0) {
			return Optional.of("Task '" + held.task() + "' may hold its delivery for " + held.hold()
					+ " (its hard time limit: jobs.tasks." + held.task() + ".hard-timeout, or its timeout plus"
					+ " jobs.worker.hard-timeout-grace of " + this.limits.grace() + "), not under RabbitMQ's consumer_timeout of " + this.brokerTimeout
					+ " (jobs.rabbit.consumer-timeout): the broker would close the channel and run the job a second"
					+ " time elsewhere. " + remedies());
		}
		return Optional.empty();
	}

	private static String remedies() {
		return "Give the task a shorter timeout, raise consumer_timeout in rabbitmq.conf (and"
				+ " jobs.rabbit.consumer-timeout to match), move to RabbitMQ 3.12 or later, where the starter declares"
				+ " a timeout per consumer, or set jobs.rabbit.consumer-timeout-check=warn.";
	}

	/**
	 * A delivery pushed ahead waits in the client for the runs before it, and the broker counts
	 * that wait: with a prefetch of 16, sixteen long runs in a row can outlast the timeout.
	 */
	private void warnOfLongWaitsAhead(WorkerQueue queue) {
		Optional<Held> longest = longestDeclared();
		if (longest.isEmpty() || queue.prefetch() <= 1) {
			return;
		}
		Duration behind = longest.get().hold().multipliedBy(queue.prefetch());
		if (behind.compareTo(this.brokerTimeout) >= 0) {
			logger.warn("Job queue '" + queue.name() + "' has a prefetch of " + queue.prefetch() + " and task '"
					+ longest.get().task() + "' may hold a delivery for " + longest.get().hold() + ": a delivery"
					+ " pushed ahead behind such runs may wait past RabbitMQ's consumer_timeout of " + this.brokerTimeout
					+ " and run twice. Give long tasks a queue of their own with jobs.queues.<name>.prefetch=1.");
		}
	}

	/** The task that may hold its delivery longest; an unlimited one first. */
	private Optional<Held> longestHold() {
		return this.tasks.get()
			.stream()
			.map((task) -> new Held(task.name(), this.limits.hardLimitOf(task.keys())))
			.max(Comparator.comparing(Held::hold, Comparator.nullsLast(Comparator.naturalOrder())));
	}

	/** The task with the longest declared limit, leaving out those on the default. */
	private Optional<Held> longestDeclared() {
		return this.tasks.get()
			.stream()
			.filter((task) -> task.keys().timeout() != null)
			.map((task) -> new Held(task.name(), this.limits.hardLimitOf(task.keys())))
			.max(Comparator.comparing(Held::hold));
	}

	/**
	 * How long one task may hold a delivery.
	 * @param task the task name
	 * @param hold the hard limit, or {@code null} for none
	 */
	private record Held(String task, Duration hold) {
	}

}
