package dev.jobs.sample.order;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Repository;

/**
 * The orders of this instance, kept in memory: the sample needs no database, and every
 * job it enqueues carries order ids, never orders.
 */
@Repository
public class OrderRepository {

	private final Map<String, Order> orders = new ConcurrentHashMap<>();

	/**
	 * Stores an order, replacing any with the same id.
	 * @param order the order
	 * @return the stored order
	 */
	public Order save(Order order) {
		this.orders.put(order.id(), order);
		return order;
	}

	/**
	 * Removes an order, as when its jobs were refused.
	 * @param id the order id
	 */
	public void delete(String id) {
		this.orders.remove(id);
	}

	/**
	 * Finds an order by its id.
	 * @param id the order id
	 * @return the order, or empty if there is none
	 */
	public Optional<Order> findById(String id) {
		return Optional.ofNullable(this.orders.get(id));
	}

	/**
	 * The orders placed on one UTC day.
	 * @param day the day
	 * @return the orders, in no particular order
	 */
	public List<Order> placedOn(LocalDate day) {
		return this.orders.values()
			.stream()
			.filter((order) -> order.placedAt().atZone(ZoneOffset.UTC).toLocalDate().equals(day))
			.toList();
	}

}
