package dev.jobs.sample.inventory;

import dev.jobs.BackgroundTask;
import dev.jobs.JobContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Stock levels, pulled from the warehouse every five minutes by the {@code sync-inventory}
 * schedule of {@code application.yml}. Each job expires 280 seconds after its slot: a sync that
 * no worker started before the next one is due is dropped as {@code EXPIRED} instead of
 * running late, so a stopped worker never comes back to a queue of stale syncs. The warehouse
 * is a fake here, and the sync logs one line.
 */
@Service
public class InventoryTasks {

	private static final Logger logger = LoggerFactory.getLogger(InventoryTasks.class);

	/**
	 * Brings the stock levels up to date with the warehouse.
	 */
	@BackgroundTask(name = "sync-inventory")
	public void sync() {
		logger.info("Syncing stock levels from the warehouse (job {}): all up to date", JobContext.current().jobId());
	}

}
