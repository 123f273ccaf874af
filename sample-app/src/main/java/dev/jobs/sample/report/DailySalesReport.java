package dev.jobs.sample.report;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Sales of one UTC day: the result of the {@code daily-sales-report} job.
 *
 * @param day the day
 * @param orders how many orders were placed
 * @param revenue the sum of their totals
 */
public record DailySalesReport(LocalDate day, int orders, BigDecimal revenue) {

}
