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
		JsonMapper mapper = JobsJsonMapper.create();
		return new JobCodecs(mapper, new EnvelopeCodec(mapper));
	}

}
