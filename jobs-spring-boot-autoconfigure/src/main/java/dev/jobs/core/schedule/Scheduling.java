package dev.jobs.core.schedule;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.SmartLifecycle;

import dev.jobs.core.port.ResultStore;
import dev.jobs.core.port.ScheduleOperations;
import dev.jobs.core.port.ScheduleStore;
import dev.jobs.core.port.ScheduleView;
import dev.jobs.core.task.TaskRegistry;

/**
 * The schedules of the application, from start-up to shutdown: built and checked once every
 * task is registered (start-up fails on one that does not fit), then run by a
 * {@link ScheduleRunner} while the context runs, and shown to operators through
 * {@link ScheduleOperations}. An application without schedules starts no thread.
 */
public final class Scheduling implements SmartInitializingSingleton, SmartLifecycle, ScheduleOperations {

	private static final Log logger = LogFactory.getLog(Scheduling.class);

	private final Supplier<List<Schedule>> configured;

	private final ScheduledTaskMethods annotated;

	private final TaskRegistry registry;

	private final Parts parts;

	private volatile ScheduleBoard board;

	private volatile ScheduleRunner runner;

	/**
	 * Scheduling over these parts.
	 * @param configured the schedules of {@code jobs.schedules}, arguments as configured
	 * @param annotated reads the {@code @Scheduled} task methods
	 * @param registry the tasks
	 * @param parts the ports and the clock
	 */
	public Scheduling(Supplier<List<Schedule>> configured, ScheduledTaskMethods annotated, TaskRegistry registry,
			Parts parts) {
		this.configured = configured;
		this.annotated = annotated;
		this.registry = registry;
		this.parts = parts;
	}

	@Override
	public void afterSingletonsInstantiated() {
		List<Schedule> schedules = ScheduleCatalog.bind(this.configured.get(),
				this.annotated.schedules(this.registry.localTasks()), this.registry);
		ScheduleTicker ticker = new ScheduleTicker(schedules, this.parts.store(), this.parts.results(),
				this.parts.enqueue(), this.parts.clock());
		this.board = new ScheduleBoard(schedules, this.parts.store(), this.parts.results(), ticker,
				this.parts.clock());
		if (!schedules.isEmpty()) {
			this.runner = new ScheduleRunner(ticker, this.parts.clock());
			logger.info("Schedules: " + schedules.stream()
				.map((schedule) -> schedule.name() + " (" + schedule.slots().describe()
						+ (schedule.enabled() ? "" : ", disabled") + ")")
				.toList());
		}
	}

	@Override
	public void start() {
		if (this.runner != null) {
			this.runner.start();
		}
	}

	@Override
	public void stop() {
		if (this.runner != null) {
			this.runner.stop();
		}
	}

	@Override
	public boolean isRunning() {
		return this.runner != null && this.runner.isRunning();
	}

	@Override
	public List<ScheduleView> schedules() {
		return board().schedules();
	}

	@Override
	public Optional<String> trigger(String schedule) {
		return board().trigger(schedule);
	}

	@Override
	public boolean pause(String schedule, boolean paused) {
		return board().pause(schedule, paused);
	}

	@Override
	public Optional<String> problem() {
		return board().problem();
	}

	private ScheduleOperations board() {
		ScheduleBoard current = this.board;
		return (current != null) ? current : ScheduleOperations.NONE;
	}

	/**
	 * What scheduling runs on.
	 *
	 * @param store where instances claim slots
	 * @param results the jobs' records
	 * @param enqueue enqueues a slot's job
	 * @param clock the clock slots are due by
	 */
	public record Parts(ScheduleStore store, ResultStore results, SlotEnqueue enqueue, Clock clock) {
	}

}
