package dev.jobs.sample.report;

import java.math.BigDecimal;
import java.time.YearMonth;

/**
 * Sales of one UTC month, rebuilt day by day: the result of the
 * {@code rebuild-monthly-sales-report} job.
 *
 * @param month the month
 * @param days how many days were gone through
 * @param orders how many orders were placed in them
 * @param revenue the sum of their totals
 */
public record MonthlySalesReport(YearMonth month, int days, int orders, BigDecimal revenue) {

}
