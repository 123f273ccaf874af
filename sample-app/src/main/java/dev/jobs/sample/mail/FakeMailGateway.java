package dev.jobs.sample.mail;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * A stand-in for a mail provider that logs one line per mail instead of sending it, and
 * keeps what it sent in memory so that a test can see it. Like a real provider's API, it
 * drops a mail whose deduplication key it has seen before.
 */
@Component
public class FakeMailGateway {

	private static final Logger logger = LoggerFactory.getLogger(FakeMailGateway.class);

	private final Map<String, SentMail> sentByKey = new ConcurrentHashMap<>();

	/**
	 * Sends a mail, once per deduplication key.
	 * @param to the recipient
	 * @param subject the subject line
	 * @param body the text
	 * @param deduplicationKey the key under which the mail is sent at most once
	 */
	public void send(String to, String subject, String body, String deduplicationKey) {
		this.sentByKey.computeIfAbsent(deduplicationKey, (key) -> {
			logger.info("Mail to {}: {} (key {})", to, subject, key);
			return new SentMail(to, subject, body, key, Instant.now());
		});
	}

	/**
	 * The mails sent so far.
	 * @return the sent mails, in no particular order
	 */
	public List<SentMail> sent() {
		return List.copyOf(this.sentByKey.values());
	}

}
