package dev.jobs.sample.fulfilment;

/**
 * One line of an order to pick from the warehouse, as {@code POST /api/orders/{id}/fulfil}
 * receives it.
 *
 * @param sku the article's stock-keeping unit
 * @param quantity how many units to pick, at least one
 */
public record LineItemPick(String sku, int quantity) {

	public LineItemPick {
		// Rejected here, with a message fit to show, so that a bad line answers 400 before any
		// job exists rather than failing a pick on a worker.
		if (sku == null || sku.isBlank()) {
			throw new IllegalArgumentException("sku must not be blank");
		}
		if (quantity < 1) {
			throw new IllegalArgumentException("quantity of '" + sku + "' must be at least 1, got " + quantity);
		}
	}

}
