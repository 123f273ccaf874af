package dev.jobs.sample.fulfilment;

/**
 * One line of an order taken off the shelf: the result of a {@code pick-item} job, and one
 * element of the list that {@code summarize-fulfilment} is given.
 *
 * @param sku the article's stock-keeping unit
 * @param quantity how many units were picked
 * @param bin the warehouse bin they were picked from
 */
public record PickedItem(String sku, int quantity, String bin) {

}
