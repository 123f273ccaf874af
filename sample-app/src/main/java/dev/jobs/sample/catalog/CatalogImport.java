package dev.jobs.sample.catalog;

import java.util.List;

import dev.jobs.Jobs;
import dev.jobs.workflow.BatchHandle;

import org.springframework.stereotype.Service;

import static dev.jobs.workflow.Workflows.sig;

/**
 * Starts an import of every supplier's catalog as one batch of background jobs: one
 * {@code import-supplier} job per supplier, each of which adds one {@code import-catalog-page}
 * job per page to the same batch. The batch completes once all of them have ended, pages
 * included, and then runs {@code catalog-import-finished}. Started every night by the
 * {@code start-catalog-import} schedule, or by hand with {@code POST /api/catalog/import}.
 */
@Service
public class CatalogImport {

	/** The suppliers whose catalogs are imported; a fixed list in this sample. */
	static final List<String> SUPPLIERS = List.of("acme", "globex", "initech");

	private final Jobs jobs;

	public CatalogImport(Jobs jobs) {
		this.jobs = jobs;
	}

	/**
	 * Starts an import: the batch is stored and its first jobs are confirmed by the broker before
	 * this returns.
	 * @return the batch, for {@code GET /api/batches/{id}}
	 */
	public BatchHandle start() {
		return this.jobs.batch((batch) -> {
			for (String supplier : SUPPLIERS) {
				batch.add(sig(CatalogTasks::importSupplier, supplier));
			}
			// onComplete rather than onSuccess: the totals are worth logging when a page failed too.
			batch.onComplete(sig(CatalogTasks::importFinished));
		});
	}

}
