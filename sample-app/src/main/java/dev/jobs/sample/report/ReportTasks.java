package dev.jobs.sample.report;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

import dev.jobs.BackgroundTask;
import dev.jobs.DiscardJob;
import dev.jobs.JobContext;
import dev.jobs.sample.order.Order;
import dev.jobs.sample.order.OrderRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Reports, built on a worker from the orders this instance holds.
 */
@Service
public class ReportTasks {

	private static final Logger logger = LoggerFactory.getLogger(ReportTasks.class);

	private final OrderRepository orders;

	private final Duration monthlyRebuildTime;

	/**
	 * Report tasks over the orders.
	 * @param orders the orders
	 * @param monthlyRebuildTime how long a monthly rebuild takes in all
	 * ({@code sample.reports.monthly-rebuild-time}, one minute unless set), long enough to kill
	 * the app in the middle of one
	 */
	public ReportTasks(OrderRepository orders,
			@Value("${sample.reports.monthly-rebuild-time:60s}") Duration monthlyRebuildTime) {
		this.orders = orders;
		this.monthlyRebuildTime = monthlyRebuildTime;
	}

	/**
	 * Sums up one day's sales. Enqueued by name, as a scheduler or another service would. Someone
	 * waits for it, so it goes ahead of the monthly rebuilds waiting on the {@code reports} queue
	 * (priority 5 against 1; higher runs first).
	 * @param day the UTC day to report on
	 * @return the report
	 */
	@BackgroundTask(name = "daily-sales-report", priority = 5)
	public DailySalesReport dailySales(LocalDate day) {
		List<Order> placed = this.orders.placedOn(day);
		BigDecimal revenue = placed.stream().map(Order::total).reduce(BigDecimal.ZERO, BigDecimal::add);
		return new DailySalesReport(day, placed.size(), revenue);
	}

	/**
	 * Builds the report of a period. The {@code daily-report} schedule of
	 * {@code application.yml} enqueues it every day at 08:00 UTC with {@code args: [daily]}:
	 * the sales of the UTC day before the one the job was enqueued on. A schedule enqueues its
	 * job within seconds of the slot, so a job that runs late, or is retried, still reports on
	 * the day before its slot.
	 * @param period the period to report on; {@code daily} is the only one
	 * @return the report
	 * @throws DiscardJob for any other period, which no retry can make known
	 */
	@BackgroundTask(name = "generate-report")
	public DailySalesReport generateReport(String period) {
		if (!"daily".equals(period)) {
			throw new DiscardJob("Task 'generate-report' has no report period '" + period
					+ "' (known: daily); fix the schedule's args");
		}
		LocalDate enqueuedOn = LocalDate.ofInstant(JobContext.current().enqueuedAt(), ZoneOffset.UTC);
		return dailySales(enqueuedOn.minusDays(1));
	}

	/**
	 * Rebuilds one month's sales report from scratch, day by day, as a report over a large
	 * order table would: it takes {@code sample.reports.monthly-rebuild-time} and logs its
	 * progress after every day. While it runs, the job reads {@code STARTED}. If the app dies
	 * in the middle, nothing was acknowledged: RabbitMQ delivers the job again, and the
	 * rebuild starts over (it keeps no partial state, so running twice is harmless). At 5
	 * minutes it is interrupted; a rebuild stuck in a call that ignores the interrupt is
	 * abandoned at 6, and its thread counted as stuck.
	 * @param month the UTC month to report on
	 * @return the report
	 * @throws InterruptedException if the worker shuts down mid-rebuild; the job is given back
	 * and runs again
	 */
	@BackgroundTask(name = "rebuild-monthly-sales-report", priority = 1, timeout = "5m", hardTimeout = "6m")
	public MonthlySalesReport rebuildMonthlySales(YearMonth month) throws InterruptedException {
		String job = JobContext.current().jobId();
		int days = month.lengthOfMonth();
		Duration perDay = this.monthlyRebuildTime.dividedBy(days);
		int orders = 0;
		BigDecimal revenue = BigDecimal.ZERO;
		logger.info("Rebuilding the sales report of {} (job {}, attempt {}): {} days, about {} s", month, job,
				JobContext.current().attempt(), days, this.monthlyRebuildTime.toSeconds());
		for (int day = 1; day <= days; day++) {
			List<Order> placed = this.orders.placedOn(month.atDay(day));
			orders += placed.size();
			revenue = placed.stream().map(Order::total).reduce(revenue, BigDecimal::add);
			Thread.sleep(perDay.toMillis());
			logger.info("Sales report of {} (job {}): day {} of {} done, {} orders so far", month, job, day, days,
					orders);
		}
		return new MonthlySalesReport(month, days, orders, revenue);
	}

}
