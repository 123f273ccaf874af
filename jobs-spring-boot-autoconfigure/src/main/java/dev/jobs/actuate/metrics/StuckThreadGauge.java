package dev.jobs.actuate.metrics;

import java.util.function.IntSupplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The {@code jobs.worker.stuck} gauge: how many of the worker's threads are stuck in jobs it
 * abandoned at their hard time limit. Each one holds a thread, and whatever the job held, until
 * it returns; past {@code jobs.worker.max-stuck} the instance's health reads {@code DOWN}.
 */
public final class StuckThreadGauge implements MeterBinder {

	private final IntSupplier stuck;

	/**
	 * A gauge over the worker's count of stuck threads.
	 * @param stuck how many are stuck now
	 */
	public StuckThreadGauge(IntSupplier stuck) {
		this.stuck = stuck;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("jobs.worker.stuck", this.stuck, IntSupplier::getAsInt)
			.description("Worker threads stuck in jobs abandoned at their hard time limit")
			.baseUnit("threads")
			.register(registry);
	}

}
