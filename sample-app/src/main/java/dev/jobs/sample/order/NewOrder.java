package dev.jobs.sample.order;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a customer orders: the body of {@code POST /api/orders}.
 *
 * @param customerEmail where the confirmation mail goes
 * @param items the order lines, at least one
 */
public record NewOrder(String customerEmail, List<LineItem> items) {

	public NewOrder {
		if (customerEmail == null || !customerEmail.contains("@")) {
			throw new IllegalArgumentException("customerEmail must be an e-mail address, got '" + customerEmail + "'");
		}
		if (items == null || items.isEmpty()) {
			throw new IllegalArgumentException("an order needs at least one item");
		}
		items = List.copyOf(items);
	}

	/**
	 * The amount to charge: the sum of the lines' subtotals.
	 * @return the order total
	 */
	public BigDecimal total() {
		return this.items.stream().map(LineItem::subtotal).reduce(BigDecimal.ZERO, BigDecimal::add);
	}

}
