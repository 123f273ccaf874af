package dev.jobs.benchmarks;

import java.util.List;
import java.util.Optional;

/**
 * One phase of the benchmark: runs rounds, each leaving the broker and Redis as it found them.
 */
interface PhaseRunner extends AutoCloseable {

	/**
	 * Which phase this is.
	 * @return the phase
	 */
	Phase phase();

	/**
	 * Why the phase cannot run here, if it cannot.
	 * @return the reason, or empty if it runs
	 */
	default Optional<String> skipReason() {
		return Optional.empty();
	}

	/**
	 * Runs one round.
	 * @return the figures it measured, in the order they are reported
	 * @throws Exception if the round could not complete; the run stops
	 */
	List<Metric> round() throws Exception;

	/**
	 * What the report should add under the table, from the last round.
	 * @return lines of notes
	 */
	default List<String> notes() {
		return List.of();
	}

	@Override
	default void close() throws Exception {
	}

}
