package dev.jobs.sample.catalog;

import dev.jobs.BackgroundTask;
import dev.jobs.JobContext;
import dev.jobs.workflow.BatchHandle;
import dev.jobs.workflow.BatchSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import static dev.jobs.workflow.Workflows.sig;

/**
 * The nightly import of the suppliers' catalogs, run as a batch (see {@link CatalogImport}). The
 * suppliers are fakes here: each has three pages of products, and importing a page reports its
 * progress product by product and logs one line. The jobs go to the {@code bulk} queue, so that
 * a night's import never holds up mails or payments.
 */
@Service
public class CatalogTasks {

	/** How many pages each supplier's catalog has. */
	static final int PAGES_PER_SUPPLIER = 3;

	/** How many products each page has. */
	static final int PRODUCTS_PER_PAGE = 20;

	private static final Logger logger = LoggerFactory.getLogger(CatalogTasks.class);

	private final CatalogImport catalogImport;

	public CatalogTasks(CatalogImport catalogImport) {
		this.catalogImport = catalogImport;
	}

	/**
	 * Starts the night's catalog import. At 02:30 UTC every day: {@code @Scheduled} on a
	 * {@code @BackgroundTask} method enqueues one job of the task per slot, by one instance
	 * however many run, and a worker runs it (a cron without a {@code zone} is read in UTC). The
	 * schedule is named like the task, {@code start-catalog-import}.
	 * @return the id of the import's batch, for {@code GET /api/batches/{id}}
	 */
	@BackgroundTask(name = "start-catalog-import", queue = "bulk")
	@Scheduled(cron = "0 30 2 * * *")
	public String startNightlyImport() {
		BatchHandle batch = this.catalogImport.start();
		logger.info("Nightly catalog import started as batch {} (job {}): {} supplier(s)", batch.id(),
				JobContext.current().jobId(), CatalogImport.SUPPLIERS.size());
		return batch.id();
	}

	/**
	 * Imports one supplier's catalog by adding one job per page to the import's batch, so that
	 * the pages run side by side and the batch waits for every one of them. A retried or
	 * redelivered run adds each page once: the added jobs' ids come from this job's id and the
	 * order they were added in.
	 * @param supplier the supplier
	 */
	@BackgroundTask(name = "import-supplier", queue = "bulk")
	public void importSupplier(String supplier) {
		JobContext job = JobContext.current();
		for (int page = 1; page <= PAGES_PER_SUPPLIER; page++) {
			job.batch().add(sig(CatalogTasks::importPage, supplier, page));
			job.progress(page, PAGES_PER_SUPPLIER, "queued page " + page + " of " + PAGES_PER_SUPPLIER);
		}
		logger.info("Catalog of {}: {} page(s) queued in batch {} (job {})", supplier, PAGES_PER_SUPPLIER,
				job.batch().id(), job.jobId());
	}

	/**
	 * Imports one page of a supplier's catalog.
	 * @param supplier the supplier
	 * @param page the page, from 1
	 */
	@BackgroundTask(name = "import-catalog-page", queue = "bulk")
	public void importPage(String supplier, int page) {
		JobContext job = JobContext.current();
		for (int product = 1; product <= PRODUCTS_PER_PAGE; product++) {
			// Reported after every product: the worker stores a few reports a second at most, so
			// a tight loop costs nothing, and the job's snapshot shows how far the page has come.
			job.progress(product, PRODUCTS_PER_PAGE, supplier + " page " + page + ": product " + product);
		}
		logger.info("Catalog of {}: page {} imported, {} product(s) (job {})", supplier, page, PRODUCTS_PER_PAGE,
				job.jobId());
	}

	/**
	 * Hears that an import has ended: every supplier and every page it added, whether or not
	 * they succeeded.
	 * @param snapshot the batch's final counts
	 */
	@BackgroundTask(name = "catalog-import-finished", queue = "bulk")
	public void importFinished(BatchSnapshot snapshot) {
		logger.info("Catalog import {} finished {}: {} job(s), {} succeeded, {} failed", snapshot.id(),
				snapshot.status(), snapshot.total(), snapshot.succeeded(), snapshot.failed());
	}

}
