package dev.jobs.core.port;

import java.time.Instant;
import java.util.Map;

/**
 * Causes of failure that operators have marked resolved, by fingerprint, in a store every
 * instance shares. A mark says "this cause is fixed": the dead letters it covers stay where they
 * are (to be replayed or deleted), and a failure with the same cause that comes after the mark
 * shows the cause as recurred.
 */
public interface FailureResolutions {

	/** Keeps no marks, for applications without a shared store. */
	FailureResolutions NONE = new FailureResolutions() {
		@Override
		public void resolve(String fingerprint, Resolution resolution) {
			throw new UnsupportedOperationException(
					"No store for failure resolutions (Redis is not configured): " + fingerprint + " is unchanged");
		}

		@Override
		public boolean reopen(String fingerprint) {
			return false;
		}

		@Override
		public Map<String, Resolution> all() {
			return Map.of();
		}
	};

	/**
	 * Marks a cause resolved, replacing an earlier mark.
	 * @param fingerprint the cause's fingerprint
	 * @param resolution who marked it and when
	 */
	void resolve(String fingerprint, Resolution resolution);

	/**
	 * Takes a cause's mark away.
	 * @param fingerprint the cause's fingerprint
	 * @return whether it was marked
	 */
	boolean reopen(String fingerprint);

	/**
	 * Every mark.
	 * @return marks by fingerprint
	 */
	Map<String, Resolution> all();

	/**
	 * One mark.
	 *
	 * @param at when the cause was marked resolved
	 * @param user who marked it, or {@code anonymous}
	 */
	record Resolution(Instant at, String user) {

	}

}
