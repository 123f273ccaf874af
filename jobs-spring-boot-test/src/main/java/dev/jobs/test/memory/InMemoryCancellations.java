package dev.jobs.test.memory;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.jobs.core.port.Cancellations;

/**
 * The cancelled jobs, in a set that is never trimmed: a test lives shorter than the time
 * cancels are kept.
 */
public final class InMemoryCancellations implements Cancellations {

	private final Set<String> cancelled = ConcurrentHashMap.newKeySet();

	@Override
	public void cancel(Collection<String> jobIds) {
		this.cancelled.addAll(jobIds);
	}

	@Override
	public Set<String> cancelled() {
		return Set.copyOf(this.cancelled);
	}

	/**
	 * Forgets everything, as between two tests.
	 */
	public void clear() {
		this.cancelled.clear();
	}

}
