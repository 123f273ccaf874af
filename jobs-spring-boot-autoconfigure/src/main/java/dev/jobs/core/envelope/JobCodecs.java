package dev.jobs.core.envelope;

import tools.jackson.databind.json.JsonMapper;

/**
 * The job wire formats together: the mapper and the envelope codec. One instance serves the
 * whole application, so Jackson's caches are shared (the Redis adapter writes its records with
 * the same mapper).
 *
 * @param mapper the job JSON mapper
 * @param envelopes the envelope codec
 */
public record JobCodecs(JsonMapper mapper, EnvelopeCodec envelopes) {

	/**
	 * The codecs over a mapper with the job wire settings.
	 * @return the codecs
	 */
	public static JobCodecs create() {
		return create(EnvelopeCodec.DEFAULT_MAX_SIZE);
	}

	/**
	 * The codecs over a mapper with the job wire settings, for messages of at most the given size.
	 * @param maxSize the largest message body, in bytes ({@code jobs.message.max-size})
	 * @return the codecs
	 */
	public static JobCodecs create(int maxSize) {
		JsonMapper mapper = JobsJsonMapper.create();
		return new JobCodecs(mapper, new EnvelopeCodec(mapper, maxSize));
	}

}
