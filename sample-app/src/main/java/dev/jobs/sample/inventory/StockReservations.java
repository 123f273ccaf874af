package dev.jobs.sample.inventory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.jobs.BackgroundTask;

import org.springframework.stereotype.Service;

/**
 * Reserves stock at the warehouse for an order line. The warehouse's reservation API goes down
 * now and then ({@link #warehouseDown}); while it is down every reservation fails with the same
 * cause, uses up the {@code quick} retry policy and lands in the dead-letter queue, where the
 * dashboard shows them as one group (docs/dashboard.md). Once the warehouse is back, an operator
 * replays the group and the reservations go through.
 */
@Service
public class StockReservations {

	private final AtomicBoolean down = new AtomicBoolean();

	private final Map<String, Integer> reserved = new ConcurrentHashMap<>();

	/**
	 * Reserves units of a product.
	 * @param sku the product
	 * @param quantity how many units
	 * @throws IllegalStateException while the warehouse is down
	 */
	@BackgroundTask(name = "reserve-stock")
	public void reserve(String sku, int quantity) {
		if (this.down.get()) {
			throw new IllegalStateException("warehouse reservation API unavailable: " + quantity + " x " + sku
					+ " not reserved");
		}
		this.reserved.merge(sku, quantity, Integer::sum);
	}

	/**
	 * Takes the warehouse down, or brings it back (the fake's switch).
	 * @param down whether reservations fail
	 */
	public void warehouseDown(boolean down) {
		this.down.set(down);
	}

	/**
	 * Units reserved so far.
	 * @param sku the product
	 * @return the units reserved for it
	 */
	public int reserved(String sku) {
		return this.reserved.getOrDefault(sku, 0);
	}

}
