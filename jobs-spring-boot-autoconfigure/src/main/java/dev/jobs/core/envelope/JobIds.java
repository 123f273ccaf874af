package dev.jobs.core.envelope;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Generates job ids as version 7 UUIDs (RFC 9562): 48 bits of Unix milliseconds followed by
 * random bits. Ids sort by creation time, which keeps Redis keys, logs and dead-letter
 * listings in order, and need no coordination between instances.
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

}
