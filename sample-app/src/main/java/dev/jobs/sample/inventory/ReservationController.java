package dev.jobs.sample.inventory;

import java.util.Map;

import dev.jobs.JobHandle;
import dev.jobs.Jobs;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/inventory/reservations?sku=&quantity=} enqueues a stock reservation, and
 * {@code PUT /api/inventory/warehouse?down=true|false} flips the fake warehouse, to try the
 * dashboard's failure groups and replay by hand (docs/dashboard.md).
 */
@RestController
@RequestMapping("/api/inventory")
public class ReservationController {

	private final Jobs jobs;

	private final StockReservations reservations;

	public ReservationController(Jobs jobs, StockReservations reservations) {
		this.jobs = jobs;
		this.reservations = reservations;
	}

	@PostMapping("/reservations")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Map<String, String> reserve(@RequestParam String sku, @RequestParam int quantity) {
		JobHandle<Void> job = this.jobs.enqueue(StockReservations::reserve, sku, quantity);
		return Map.of("jobId", job.id());
	}

	@PutMapping("/warehouse")
	Map<String, Boolean> warehouse(@RequestParam boolean down) {
		this.reservations.warehouseDown(down);
		return Map.of("down", down);
	}

}
