package dev.jobs.dashboard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.jobs.core.port.DeadLetterEntry;
import dev.jobs.core.port.FailureResolutions.Resolution;

/**
 * Groups dead-letter entries by cause. An entry's fingerprint is its error type, its message with
 * the parts that differ from job to job taken out (numbers, ids, quoted values), and the top
 * frame of its stack trace that belongs to the application (not the JDK, Spring or this
 * starter): a thousand "order 4711 not found" failures thrown at the same line are one group.
 */
final class FailureGroups {

	private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"");

	private static final Pattern UUID_OR_HEX = Pattern
		.compile("\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b|\\b0x[0-9a-fA-F]+\\b|\\b[0-9a-fA-F]{16,}\\b");

	private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?");

	private static final String[] FRAMEWORK = { "java.", "javax.", "jdk.", "sun.", "com.sun.", "org.springframework.",
			"dev.jobs.core.", "dev.jobs.rabbit.", "dev.jobs.redis.", "tools.jackson.", "io.micrometer." };

	private FailureGroups() {
	}

	/**
	 * The groups of the entries, largest first.
	 * @param entries dead-letter entries
	 * @return one group per fingerprint
	 */
	static List<Group> of(List<DeadLetterEntry> entries) {
		Map<String, Builder> groups = new LinkedHashMap<>();
		for (DeadLetterEntry entry : entries) {
			String type = (entry.errorType() != null) ? entry.errorType()
					: (entry.reason() != null) ? entry.reason().name() : "unknown";
			String message = normalized(entry.errorMessage());
			String frame = applicationFrame(entry.stackTrace());
			String fingerprint = fingerprint(type + "\n" + message + "\n" + frame);
			groups.computeIfAbsent(fingerprint, (key) -> new Builder(key, type, message, frame)).add(entry);
		}
		return groups.values()
			.stream()
			.map(Builder::build)
			.sorted(Comparator.comparingInt(Group::count).reversed())
			.toList();
	}

	/**
	 * The groups with the operators' marks on them: open and recurred groups first, largest
	 * first, then the resolved ones.
	 * @param groups the groups, as {@link #of} gives them
	 * @param resolutions marks by fingerprint
	 * @return the groups, each with its mark
	 */
	static List<Group> marked(List<Group> groups, Map<String, Resolution> resolutions) {
		return groups.stream()
			.map((group) -> group.withResolution(resolutions.get(group.fingerprint())))
			.sorted(Comparator.comparing((Group group) -> group.state() == State.RESOLVED))
			.toList();
	}

	/**
	 * The fingerprint of one entry.
	 * @param entry a dead-letter entry
	 * @return its group's fingerprint
	 */
	static String fingerprintOf(DeadLetterEntry entry) {
		return of(List.of(entry)).get(0).fingerprint();
	}

	static String normalized(String message) {
		if (message == null) {
			return "";
		}
		String text = QUOTED.matcher(message).replaceAll("'…'");
		text = UUID_OR_HEX.matcher(text).replaceAll("<id>");
		return NUMBER.matcher(text).replaceAll("#");
	}

	static String applicationFrame(String stackTrace) {
		if (stackTrace == null) {
			return "";
		}
		for (String line : stackTrace.split("\n")) {
			String trimmed = line.trim();
			if (!trimmed.startsWith("at ")) {
				continue;
			}
			String frame = trimmed.substring(3);
			int slash = frame.indexOf('/');
			if (slash >= 0 && slash < frame.indexOf('(')) {
				frame = frame.substring(slash + 1);
			}
			if (!framework(frame)) {
				return frame.replaceAll("\\$\\$[^.(]*", "");
			}
		}
		return "";
	}

	private static boolean framework(String frame) {
		for (String prefix : FRAMEWORK) {
			if (frame.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	private static String fingerprint(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 6);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	/**
	 * Dead-letter entries with one cause.
	 *
	 * @param fingerprint the cause's fingerprint, twelve hex digits
	 * @param errorType the error type, or the dead-letter reason when the entry carries no error
	 * @param message the normalized message
	 * @param frame the top application frame, or empty
	 * @param count how many entries
	 * @param firstSeen when the earliest of them first failed
	 * @param lastSeen when the latest was dead-lettered
	 * @param tasks the tasks affected
	 * @param jobIds the job ids of the entries, in queue order
	 * @param resolution the operator's mark on the cause, or {@code null}
	 */
	record Group(String fingerprint, String errorType, String message, String frame, int count, Instant firstSeen,
			Instant lastSeen, List<String> tasks, List<String> jobIds, Resolution resolution) {

		Group withResolution(Resolution mark) {
			return new Group(this.fingerprint, this.errorType, this.message, this.frame, this.count, this.firstSeen,
					this.lastSeen, this.tasks, this.jobIds, mark);
		}

		/**
		 * Where the cause stands: resolved while no entry failed after the mark.
		 * @return the state
		 */
		@JsonProperty("state")
		State state() {
			if (this.resolution == null) {
				return State.OPEN;
			}
			boolean failedSince = this.lastSeen != null && this.lastSeen.isAfter(this.resolution.at());
			return failedSince ? State.RECURRED : State.RESOLVED;
		}

	}

	/** Where a cause of failure stands with the operators. */
	enum State {

		/** Never marked resolved. */
		OPEN,

		/** Marked resolved, and nothing failed with this cause since. */
		RESOLVED,

		/** Marked resolved, and failed again with this cause since the mark. */
		RECURRED

	}

	private static final class Builder {

		private final String fingerprint;

		private final String type;

		private final String message;

		private final String frame;

		private final TreeSet<String> tasks = new TreeSet<>();

		private final List<String> jobIds = new ArrayList<>();

		private int count;

		private Instant first;

		private Instant last;

		Builder(String fingerprint, String type, String message, String frame) {
			this.fingerprint = fingerprint;
			this.type = type;
			this.message = message;
			this.frame = frame;
		}

		void add(DeadLetterEntry entry) {
			this.count++;
			if (entry.task() != null) {
				this.tasks.add(entry.task());
			}
			if (entry.jobId() != null) {
				this.jobIds.add(entry.jobId());
			}
			Instant firstFailed = (entry.firstFailedAt() != null) ? entry.firstFailedAt() : entry.lastFailedAt();
			if (firstFailed != null && (this.first == null || firstFailed.isBefore(this.first))) {
				this.first = firstFailed;
			}
			if (entry.lastFailedAt() != null && (this.last == null || entry.lastFailedAt().isAfter(this.last))) {
				this.last = entry.lastFailedAt();
			}
		}

		Group build() {
			return new Group(this.fingerprint, this.type, this.message, this.frame, this.count, this.first, this.last,
					List.copyOf(this.tasks), List.copyOf(this.jobIds), null);
		}

	}

}
