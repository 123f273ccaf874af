package dev.jobs.sample.export;

/**
 * The answer to {@code POST /api/exports}.
 *
 * @param jobId the id of the export job, for {@code GET /api/jobs/{id}}
 */
public record ExportRequested(String jobId) {

}
