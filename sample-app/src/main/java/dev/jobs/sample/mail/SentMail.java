package dev.jobs.sample.mail;

import java.time.Instant;

/**
 * A mail the {@link FakeMailGateway} has sent.
 *
 * @param to the recipient
 * @param subject the subject line
 * @param body the text
 * @param deduplicationKey the key the sender gave, unique per mail
 * @param sentAt when it was sent
 */
public record SentMail(String to, String subject, String body, String deduplicationKey, Instant sentAt) {

}
