package dev.jobs.sample.export;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;

import dev.jobs.JobHandle;
import dev.jobs.Jobs;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/exports}: starts the nightly export by hand.
 */
@RestController
@RequestMapping("/api/exports")
public class ExportController {

	private final Jobs jobs;

	public ExportController(Jobs jobs) {
		this.jobs = jobs;
	}

	@PostMapping
	ResponseEntity<ExportRequested> export(
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate day) {
		LocalDate exported = (day != null) ? day : LocalDate.now(ZoneOffset.UTC).minusDays(1);
		JobHandle<Void> job = this.jobs.enqueue(ExportTasks::nightlyExport, exported);
		return ResponseEntity.accepted().location(URI.create("/api/jobs/" + job.id())).body(new ExportRequested(job.id()));
	}

}
