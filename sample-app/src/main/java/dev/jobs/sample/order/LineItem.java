package dev.jobs.sample.order;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One line of an order: so many units of one article at one price.
 *
 * @param sku the article's stock-keeping unit
 * @param quantity how many units, at least one
 * @param unitPrice the price of one unit, not negative
 */
public record LineItem(String sku, int quantity, BigDecimal unitPrice) {

	public LineItem {
		if (sku == null || sku.isBlank()) {
			throw new IllegalArgumentException("sku must not be blank");
		}
		if (quantity < 1) {
			throw new IllegalArgumentException("quantity of '" + sku + "' must be at least 1, got " + quantity);
		}
		Objects.requireNonNull(unitPrice, () -> "unitPrice of '" + sku + "' must not be null");
		if (unitPrice.signum() < 0) {
			throw new IllegalArgumentException("unitPrice of '" + sku + "' must not be negative, got " + unitPrice);
		}
	}

	/**
	 * The line's price: quantity times unit price.
	 * @return the subtotal
	 */
	public BigDecimal subtotal() {
		return this.unitPrice.multiply(BigDecimal.valueOf(this.quantity));
	}

}
