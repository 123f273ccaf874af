package dev.jobs.core.execution;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.jobs.core.port.DeadLetter;
import dev.jobs.core.port.DeadLetterPublisher;

/**
 * A dead-letter queue in memory, for the engine's unit tests: it keeps every confirmed dead
 * letter, notes each in a shared event list, and can be made to refuse them as a broker that
 * does not confirm.
 */
final class RecordingDeadLetterPublisher implements DeadLetterPublisher {

	private final List<String> events;

	private final List<DeadLetter> letters = new CopyOnWriteArrayList<>();

	private volatile RuntimeException failure;

	private final AtomicInteger refused = new AtomicInteger();

	RecordingDeadLetterPublisher(List<String> events) {
		this.events = events;
	}

	/**
	 * Makes every following publish throw, as an unconfirmed publish does.
	 * @param failure what to throw
	 */
	void failWith(RuntimeException failure) {
		this.failure = failure;
	}

	int refused() {
		return this.refused.get();
	}

	List<DeadLetter> letters() {
		return this.letters;
	}

	@Override
	public void publish(DeadLetter letter) {
		RuntimeException failure = this.failure;
		if (failure != null) {
			this.refused.incrementAndGet();
			throw failure;
		}
		this.events.add("dead-letter " + letter.jobId());
		this.letters.add(letter);
	}

}
