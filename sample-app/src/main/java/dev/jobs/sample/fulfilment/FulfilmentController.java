package dev.jobs.sample.fulfilment;

import java.net.URI;
import java.util.List;
import java.util.Objects;

import dev.jobs.Jobs;
import dev.jobs.workflow.Signature;
import dev.jobs.workflow.Workflow;
import dev.jobs.workflow.WorkflowHandle;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import static dev.jobs.workflow.Workflows.chain;
import static dev.jobs.workflow.Workflows.chord;
import static dev.jobs.workflow.Workflows.sig;

/**
 * {@code POST /api/orders/{id}/fulfil}: fulfils an order as one workflow of background jobs,
 * whose state {@code GET /api/workflows/{id}} shows. The request names the lines to pick.
 */
@RestController
@RequestMapping("/api/orders")
public class FulfilmentController {

	private final Jobs jobs;

	public FulfilmentController(Jobs jobs) {
		this.jobs = jobs;
	}

	/**
	 * Submits the order's fulfilment: its plan is stored and the picks are published before this
	 * returns, so the workflow goes on even if this instance stops.
	 * @param id the order
	 * @param items the lines to pick, at least one
	 * @return {@code 202} with the workflow id
	 */
	@PostMapping("/{id}/fulfil")
	ResponseEntity<FulfilmentStarted> fulfil(@PathVariable String id, @RequestBody List<LineItemPick> items) {
		// A chord needs at least one job in its header, and a null line has nothing to pick:
		// answer 400 here instead of the 500 that submitting would end in.
		if (items.isEmpty() || items.stream().anyMatch(Objects::isNull)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"items must list at least one line to pick, and no line may be null");
		}
		WorkflowHandle<Void> workflow = this.jobs.submit(fulfilment(id, items));
		return ResponseEntity.accepted()
			.location(URI.create("/api/workflows/" + workflow.id()))
			.body(new FulfilmentStarted(id, workflow.id()));
	}

	/**
	 * The fulfilment of one order: every line picked side by side, then one summary of all the
	 * picks, then the customer told; a step that fails for good runs {@code fulfilment-failed}.
	 * @param orderId the order
	 * @param items the lines to pick
	 * @return the workflow
	 */
	static Workflow<Void> fulfilment(String orderId, List<LineItemPick> items) {
		// summarize and notifyCustomer name only the order id: each is given the result of the
		// step before it (the list of picks, then the summary) as its first argument.
		List<Signature<PickedItem>> picks = items.stream()
			.map((item) -> sig(FulfilmentTasks::pickItem, orderId, item.sku(), item.quantity()))
			.toList();
		return chain(chord(picks, sig(FulfilmentTasks::summarize, orderId)),
				sig(FulfilmentTasks::notifyCustomer, orderId))
			.onError(sig(FulfilmentTasks::fulfilmentFailed));
	}

}
