package dev.jobs.benchmarks;

import java.util.concurrent.atomic.AtomicLong;

import dev.jobs.BackgroundTask;
import dev.jobs.DiscardJob;

/**
 * The task of the dashboard phase's application: it fails for good at once, with one of three
 * causes chosen by its argument, so that the dead-letter queue fills with three groups of
 * failures, as the failures page groups them.
 */
public class DashboardBenchTasks {

	private final AtomicLong runs = new AtomicLong();

	/** Task name of {@link #fail(long)}. */
	public static final String FAILING = "bench.dashboard-failing";

	/** How many causes the failures fall into. */
	static final int CAUSES = 3;

	/**
	 * Fails the job for good.
	 * @param sequence the job's number; its remainder by {@value #CAUSES} picks the cause, and
	 * it is in the message, as an order number would be
	 */
	@BackgroundTask(name = FAILING)
	public void fail(long sequence) {
		this.runs.incrementAndGet();
		switch ((int) (sequence % CAUSES)) {
			case 0 -> throw new DiscardJob("Card declined for order " + sequence);
			case 1 -> throw new DiscardJob("No stock of item " + sequence + " in any warehouse");
			default -> throw new DiscardJob("No customer " + sequence + " at the billing address");
		}
	}

	/**
	 * How many times the task ran, replays included.
	 * @return the runs so far
	 */
	long runs() {
		return this.runs.get();
	}

}
