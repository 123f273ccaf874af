package dev.jobs.core.envelope;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * Generates job ids as version 7 UUIDs (RFC 9562): 48 bits of Unix milliseconds followed by
 * random bits. Ids sort by creation time, which keeps Redis keys, logs and dead-letter
 * listings in order, and need no coordination between instances.
 *
 * <p>Where every instance must arrive at the same id for the same work (a schedule's slot), an
 * id is {@linkplain #derived derived} instead: a version 8 UUID with the same time layout.
 */
public final class JobIds {

	private static final SecureRandom RANDOM = new SecureRandom();

	private JobIds() {
	}

	/**
	 * A new job id.
	 * @return a UUIDv7 string such as {@code 0193a4f2-6c1e-7b3a-9f00-2c4d5e6f7a8b}
	 */
	public static String next() {
		long millis = System.currentTimeMillis();
		// One call for all 74 random bits: each call to the shared SecureRandom takes its lock and
		// runs its digest, and producer threads queued on it (JFR, benchmarks module).
		byte[] random = new byte[10];
		RANDOM.nextBytes(random);
		long randomA = ((random[0] & 0x0FL) << 8) | (random[1] & 0xFFL);
		long randomB = 0;
		for (int i = 2; i < random.length; i++) {
			randomB = (randomB << 8) | (random[i] & 0xFFL);
		}
		long msb = (millis << 16) | 0x7000L | randomA;
		long lsb = (randomB & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(msb, lsb).toString();
	}

	/**
	 * The id every instance derives for the same work: the moment in the first 48 bits, as in a
	 * version 7 id (so derived ids sort among random ones), then 74 bits of the SHA-256 of the
	 * name (the first ten bytes of the hash, less the bits the version and variant take), marked
	 * as version 8 (RFC 9562's custom layout).
	 * @param at the moment the work belongs to, such as a schedule's slot
	 * @param name what the work is, such as {@code schedule:<name>:<slot millis>}
	 * @return the same id for the same moment and name, on any instance
	 */
	public static String derived(Instant at, String name) {
		byte[] hash = sha256(name.getBytes(StandardCharsets.UTF_8));
		long hashA = ((hash[0] & 0x0FL) << 8) | (hash[1] & 0xFFL);
		long hashB = 0;
		for (int i = 2; i < 10; i++) {
			hashB = (hashB << 8) | (hash[i] & 0xFFL);
		}
		long msb = ((at.toEpochMilli() & 0xFFFFFFFFFFFFL) << 16) | 0x8000L | hashA;
		long lsb = (hashB & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(msb, lsb).toString();
	}

	private static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
		}
	}

}
