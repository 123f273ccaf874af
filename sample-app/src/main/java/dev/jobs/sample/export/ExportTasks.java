package dev.jobs.sample.export;

import java.net.URI;
import java.time.LocalDate;

import dev.jobs.BackgroundTask;

import org.springframework.stereotype.Service;

/**
 * The nightly export of orders to the warehouse, whose server never answers in this sample:
 * the task always fails, so its job uses up the {@code quick} retry policy within seconds and
 * lands in the dead-letter queue. The policy is chosen in {@code application.yml}
 * ({@code jobs.tasks.nightly-export.retry}), not here, as an operator would.
 */
@Service
public class ExportTasks {

	private static final URI TARGET = URI.create("sftp://warehouse.example.com/exports");

	/**
	 * Exports one day's orders.
	 * @param day the UTC day to export
	 * @throws IllegalStateException always: the export target is unreachable
	 */
	@BackgroundTask(name = "nightly-export")
	public void nightlyExport(LocalDate day) {
		throw new IllegalStateException("export target unreachable: " + TARGET + " refused the connection for the "
				+ day + " export");
	}

}
