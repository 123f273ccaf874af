package dev.jobs.sample.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import dev.jobs.BackgroundTask;
import dev.jobs.sample.order.Order;
import dev.jobs.sample.order.OrderRepository;

import org.springframework.stereotype.Service;

/**
 * Reports, built on a worker from the orders this instance holds.
 */
@Service
public class ReportTasks {

	private final OrderRepository orders;

	public ReportTasks(OrderRepository orders) {
		this.orders = orders;
	}

	/**
	 * Sums up one day's sales. Enqueued by name, as a scheduler or another service would.
	 * @param day the UTC day to report on
	 * @return the report
	 */
	@BackgroundTask(name = "daily-sales-report")
	public DailySalesReport dailySales(LocalDate day) {
		List<Order> placed = this.orders.placedOn(day);
		BigDecimal revenue = placed.stream().map(Order::total).reduce(BigDecimal.ZERO, BigDecimal::add);
		return new DailySalesReport(day, placed.size(), revenue);
	}

}
