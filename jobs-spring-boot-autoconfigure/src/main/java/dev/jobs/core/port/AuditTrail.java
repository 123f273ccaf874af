package dev.jobs.core.port;

import java.time.Instant;
import java.util.List;

/**
 * What operators changed, kept for a while in a store every instance shares: who did what to how
 * many jobs, when and from which instance. Written by the dashboard for every write it performs.
 */
public interface AuditTrail {

	/** Keeps nothing, for applications without a shared store. */
	AuditTrail NONE = new AuditTrail() {
		@Override
		public void record(Entry entry) {
		}

		@Override
		public List<Entry> latest(int limit) {
			return List.of();
		}
	};

	/**
	 * Records one action.
	 * @param entry the action
	 */
	void record(Entry entry);

	/**
	 * The latest actions still kept, newest first.
	 * @param limit the most entries
	 * @return the entries
	 */
	List<Entry> latest(int limit);

	/**
	 * One operator action.
	 *
	 * @param at when it was done
	 * @param user who did it, or {@code anonymous}
	 * @param action what was done, such as {@code dlq.replay}
	 * @param target what it was done to: a fingerprint, a job id
	 * @param count how many jobs or entries it changed
	 * @param instance the instance that performed it
	 */
	record Entry(Instant at, String user, String action, String target, int count, String instance) {

	}

}
