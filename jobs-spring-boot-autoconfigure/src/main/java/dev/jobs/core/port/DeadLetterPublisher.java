package dev.jobs.core.port;

/**
 * Publishes dead letters to the dead-letter queue.
 */
public interface DeadLetterPublisher {

	/**
	 * Publishes a dead letter and returns once the broker has confirmed it; only then may the
	 * original message be acknowledged.
	 * @param letter the dead letter
	 * @throws RuntimeException if the broker did not confirm it
	 */
	void publish(DeadLetter letter);

}
