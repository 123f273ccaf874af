package dev.jobs.sample.fulfilment;

import java.util.List;

import dev.jobs.BackgroundTask;
import dev.jobs.DiscardJob;
import dev.jobs.JobContext;
import dev.jobs.workflow.WorkflowFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * The steps of an order's fulfilment workflow, which {@link FulfilmentController} submits: every
 * line is picked side by side ({@code pick-item}), then the picks are summed up once all of them
 * have succeeded ({@code summarize-fulfilment}), then the customer is told
 * ({@code notify-fulfilment}). A pick that fails for good stops the workflow and runs
 * {@code fulfilment-failed} instead. The warehouse is a fake here: each step logs one line.
 *
 * <p>A step that comes after another is given that step's result as its first parameter, ahead of
 * the arguments its signature names; so {@code summarize-fulfilment} takes the list of picks
 * first and the order id second.
 */
@Service
public class FulfilmentTasks {

	/** The most units of one article a bin holds; a line over it cannot be picked from one bin. */
	static final int BIN_CAPACITY = 100;

	/** How many bins the fake warehouse has. */
	private static final int BINS = 40;

	private static final Logger logger = LoggerFactory.getLogger(FulfilmentTasks.class);

	/**
	 * Picks one line of an order from its bin.
	 * @param orderId the order
	 * @param sku the article to pick
	 * @param quantity how many units
	 * @return what was picked, and from which bin
	 * @throws DiscardJob if the quantity is more than one bin holds, which no retry can change;
	 * the workflow then fails and {@code fulfilment-failed} runs
	 */
	@BackgroundTask(name = "pick-item", queue = "default")
	public PickedItem pickItem(String orderId, String sku, int quantity) {
		if (quantity > BIN_CAPACITY) {
			throw new DiscardJob("Order " + orderId + ": " + quantity + " x '" + sku + "' is more than one bin holds ("
					+ BIN_CAPACITY + ")");
		}
		String bin = binOf(sku);
		logger.info("Order {}: picked {} x {} from bin {} (job {})", orderId, quantity, sku, bin,
				JobContext.current().jobId());
		return new PickedItem(sku, quantity, bin);
	}

	/**
	 * Sums up the picks of an order. Runs once, after every pick has succeeded.
	 * @param picked the picks, in the order the lines were given (the chord's results)
	 * @param orderId the order
	 * @return the summary
	 */
	@BackgroundTask(name = "summarize-fulfilment", queue = "default")
	public FulfilmentSummary summarize(List<PickedItem> picked, String orderId) {
		int units = picked.stream().mapToInt(PickedItem::quantity).sum();
		logger.info("Order {}: {} line(s), {} unit(s) picked, ready to pack", orderId, picked.size(), units);
		return new FulfilmentSummary(orderId, picked.size(), units, picked);
	}

	/**
	 * Tells the customer that the order is on its way.
	 * @param summary what was picked (the result of {@code summarize-fulfilment})
	 * @param orderId the order
	 */
	@BackgroundTask(name = "notify-fulfilment", queue = "default")
	public void notifyCustomer(FulfilmentSummary summary, String orderId) {
		logger.info("Order {} is on its way: {} line(s), {} unit(s) (job {})", orderId, summary.lines(),
				summary.units(), JobContext.current().jobId());
	}

	/**
	 * Hears that a fulfilment failed for good: a pick used up its attempts or was discarded, so
	 * nothing after it ran. A real shop would hand the order to a person here.
	 * @param failure which job failed, and why
	 */
	@BackgroundTask(name = "fulfilment-failed", queue = "default")
	public void fulfilmentFailed(WorkflowFailure failure) {
		logger.warn("Fulfilment workflow {} failed at job {} (task '{}'): {}", failure.workflowId(), failure.jobId(),
				failure.task(), failure.error());
	}

	private static String binOf(String sku) {
		// Derived from the SKU rather than drawn at random: a pick that is retried or delivered
		// twice must name the same bin as the first time.
		return String.format("A-%02d", Math.floorMod(sku.hashCode(), BINS) + 1);
	}

}
