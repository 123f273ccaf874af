package dev.jobs.sample.inventory;

import dev.jobs.BackgroundTask;
import dev.jobs.OnLocked;
import dev.jobs.JobContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Stock levels, pulled from the warehouse every five minutes by the {@code sync-inventory}
 * schedule of {@code application.yml}. Each job expires 280 seconds after its slot: a sync that
 * no worker started before the next one is due is dropped as {@code EXPIRED} instead of
 * running late, so a stopped worker never comes back to a queue of stale syncs. The sync holds
 * the lock {@code sync-inventory} while it runs: a slot that comes due while the last sync still
 * runs (a slow warehouse) is {@code SKIPPED} with reason {@code already_running}, never run twice
 * at once on two instances. The warehouse is a fake here, and the sync logs one line.
 */
@Service
public class InventoryTasks {

	private static final Logger logger = LoggerFactory.getLogger(InventoryTasks.class);

	/**
	 * Brings the stock levels up to date with the warehouse.
	 */
	@BackgroundTask(name = "sync-inventory", lock = "'sync-inventory'", lockTimeout = "2m", onLocked = OnLocked.SKIP)
	public void sync() {
		logger.info("Syncing stock levels from the warehouse (job {}): all up to date", JobContext.current().jobId());
	}

}
