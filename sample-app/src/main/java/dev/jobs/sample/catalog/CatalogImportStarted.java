package dev.jobs.sample.catalog;

/**
 * The answer to {@code POST /api/catalog/import}.
 *
 * @param batchId the id of the import's batch, for {@code GET /api/batches/{id}}
 */
public record CatalogImportStarted(String batchId) {

}
