package dev.jobs.benchmarks;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The phases of a run, in the order they run.
 */
public enum Phase {

	/** The broker's own limit: the plain RabbitMQ client with the starter's settings. */
	RAW,

	/** Jobs through the starter, enqueued by several producers and drained by the worker. */
	E2E,

	/** The producer side alone: sequential, multi-thread and bulk. */
	ENQUEUE,

	/** Enqueue-call and enqueue-to-start latency at a fixed offered rate. */
	LATENCY,

	/** Many jobs delayed far ahead: enqueue rate and worker heap. */
	DELAYED,

	/** One chord of many header jobs and a callback: submission to the callback's result. */
	WORKFLOW,

	/** Jobs queued with no worker, then drained by a worker in a fresh JVM, cold and warm. */
	DRAIN,

	/** The dashboard's pages with a million job records and 100,000 dead letters: time to answer. */
	DASHBOARD;

	/**
	 * The name used on the command line and in the report.
	 * @return the lower-case name
	 */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	static Phase named(String name) {
		return Arrays.stream(values())
			.filter((phase) -> phase.label().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"Unknown phase '" + name + "'; phases are " + names(Arrays.asList(values()))));
	}

	static String names(Collection<Phase> phases) {
		return phases.stream().sorted().map(Phase::label).collect(Collectors.joining(","));
	}

}
