package dev.jobs.core.envelope;

import tools.jackson.databind.json.JsonMapper;

/**
 * The job wire formats together: the mapper and the codecs for envelopes and result records.
 * One instance serves the whole application, so Jackson's caches are shared.
 *
 * @param mapper the job JSON mapper
 * @param envelopes the envelope codec
 * @param results the result record codec
 */
public record JobCodecs(JsonMapper mapper, EnvelopeCodec envelopes, ResultRecordCodec results) {

	/**
	 * The codecs over a mapper with the job wire settings.
	 * @return the codecs
	 */
	public static JobCodecs create() {
		JsonMapper mapper = JobsJsonMapper.create();
		return new JobCodecs(mapper, new EnvelopeCodec(mapper), new ResultRecordCodec(mapper));
	}

}
