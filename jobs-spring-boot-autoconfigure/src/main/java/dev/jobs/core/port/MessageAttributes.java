package dev.jobs.core.port;

import java.time.Instant;

/**
 * The properties a broker message carries besides its body that say where it came from, as the
 * broker adapter read them from a delivery; kept on a dead letter so that an operator can trace
 * it back to its producer, also when its body is not a job.
 *
 * @param messageId the message id, or {@code null}
 * @param correlationId the correlation id, or {@code null}
 * @param timestamp when the producer says it sent the message, or {@code null}
 * @param appId the producing application's id, or {@code null}
 */
public record MessageAttributes(String messageId, String correlationId, Instant timestamp, String appId) {

	private static final MessageAttributes NONE = new MessageAttributes(null, null, null, null);

	/**
	 * The attributes of a message that carried none, or whose delivery did not say.
	 * @return attributes with every value {@code null}
	 */
	public static MessageAttributes none() {
		return NONE;
	}

}
