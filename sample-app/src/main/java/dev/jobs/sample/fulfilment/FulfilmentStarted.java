package dev.jobs.sample.fulfilment;

/**
 * The answer to {@code POST /api/orders/{id}/fulfil}.
 *
 * @param orderId the order being fulfilled
 * @param workflowId the id of its fulfilment workflow, for {@code GET /api/workflows/{id}}
 */
public record FulfilmentStarted(String orderId, String workflowId) {

}
