package dev.jobs.core.port;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The application's instances, as each last reported itself to a store every instance shares:
 * what the dashboard's overview lists. An instance that stops reporting (killed, cut off) drops
 * out once its report's time to live has passed.
 */
public interface InstanceRegistry {

	/** Knows no instance, for applications without a shared store. */
	InstanceRegistry NONE = new InstanceRegistry() {
		@Override
		public void report(Instance instance, Duration ttl) {
		}

		@Override
		public void leave(String id) {
		}

		@Override
		public List<Instance> live() {
			return List.of();
		}
	};

	/**
	 * Stores an instance's report, replacing its previous one.
	 * @param instance the report
	 * @param ttl how long the report stands without a newer one
	 */
	void report(Instance instance, Duration ttl);

	/**
	 * Takes an instance's report away, as it shuts down.
	 * @param id the instance's id
	 */
	void leave(String id);

	/**
	 * The instances whose report still stands.
	 * @return them, by id
	 */
	List<Instance> live();

	/**
	 * What an instance reports about itself.
	 *
	 * @param id the instance's id, {@code <pid>@<host>#<four hex digits>} (the digits tell two
	 * application contexts of one JVM apart)
	 * @param startedAt when it started reporting
	 * @param reportedAt when it made this report
	 * @param queues the job queues its worker consumes; empty for a producer only
	 * @param consuming whether its worker consumes now
	 * @param running jobs running on it now
	 * @param stuck runs abandoned past their hard time limit whose threads have not come back
	 */
	record Instance(String id, Instant startedAt, Instant reportedAt, List<String> queues, boolean consuming,
			int running, int stuck) {

	}

}
