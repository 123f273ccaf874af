package dev.jobs.sample.report;

import java.net.URI;
import java.time.LocalDate;
import java.time.YearMonth;

import dev.jobs.JobHandle;
import dev.jobs.JobOptions;
import dev.jobs.Jobs;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/reports}: asks for reports, which are built in the background.
 */
@RestController
@RequestMapping("/api/reports")
public class ReportController {

	private final Jobs jobs;

	public ReportController(Jobs jobs) {
		this.jobs = jobs;
	}

	/**
	 * Builds a day's report, once at a time: the job is unique by day, so asking again while the
	 * report is waiting or being built returns the same job instead of building it twice.
	 * @param day the day
	 * @return {@code 202} with the job id
	 */
	@PostMapping("/daily")
	ResponseEntity<ReportRequested> daily(@RequestParam @DateTimeFormat(iso = ISO.DATE) LocalDate day) {
		JobHandle<Object> job = this.jobs.with(JobOptions.defaults().uniqueKey(day.toString()))
			.enqueue("daily-sales-report", day);
		return ResponseEntity.accepted().location(URI.create("/api/jobs/" + job.id())).body(new ReportRequested(job.id()));
	}

	/**
	 * Rebuilds a month's report, which takes a while (a minute unless
	 * {@code sample.reports.monthly-rebuild-time} says otherwise).
	 * @param month the month, such as {@code 2026-11}
	 * @return {@code 202} with the job id
	 */
	@PostMapping("/monthly")
	ResponseEntity<ReportRequested> monthly(@RequestParam YearMonth month) {
		JobHandle<MonthlySalesReport> job = this.jobs.enqueue(ReportTasks::rebuildMonthlySales, month);
		return ResponseEntity.accepted().location(URI.create("/api/jobs/" + job.id())).body(new ReportRequested(job.id()));
	}

}
