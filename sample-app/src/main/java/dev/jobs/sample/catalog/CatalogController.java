package dev.jobs.sample.catalog;

import java.net.URI;

import dev.jobs.workflow.BatchHandle;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/catalog}: starts the nightly catalog import by hand.
 */
@RestController
@RequestMapping("/api/catalog")
public class CatalogController {

	private final CatalogImport catalogImport;

	public CatalogController(CatalogImport catalogImport) {
		this.catalogImport = catalogImport;
	}

	/**
	 * Starts a catalog import now, besides the nightly one.
	 * @return {@code 202} with the batch id
	 */
	@PostMapping("/import")
	ResponseEntity<CatalogImportStarted> startImport() {
		BatchHandle batch = this.catalogImport.start();
		return ResponseEntity.accepted()
			.location(URI.create("/api/batches/" + batch.id()))
			.body(new CatalogImportStarted(batch.id()));
	}

}
