package dev.jobs.sample.report;

/**
 * The answer to {@code POST /api/reports/daily}.
 *
 * @param jobId the id of the job that builds the report, for {@code GET /api/jobs/{id}}
 */
public record ReportRequested(String jobId) {

}
