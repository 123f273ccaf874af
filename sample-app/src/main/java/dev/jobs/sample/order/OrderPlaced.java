package dev.jobs.sample.order;

/**
 * The answer to {@code POST /api/orders}. The confirmation mail's job id is not in it: the
 * mail is enqueued by a {@code void} call, which hands no handle back.
 *
 * @param orderId the new order's id
 * @param paymentJobId the id of the job that charges it, for {@code GET /api/jobs/{id}}
 */
public record OrderPlaced(String orderId, String paymentJobId) {

}
