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
		long randomHigh = RANDOM.nextLong();
		long randomLow = RANDOM.nextLong();
		long msb = (millis << 16) | 0x7000L | (randomHigh & 0x0FFFL);
		long lsb = (randomLow & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(msb, lsb).toString();
	}

}
