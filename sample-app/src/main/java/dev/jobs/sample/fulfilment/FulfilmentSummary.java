package dev.jobs.sample.fulfilment;

import java.util.List;

/**
 * What was picked for one order: the result of the {@code summarize-fulfilment} job, which the
 * {@code notify-fulfilment} job is given.
 *
 * @param orderId the order
 * @param lines how many lines were picked
 * @param units how many units they come to
 * @param picked the picked lines, in the order they were asked for
 */
public record FulfilmentSummary(String orderId, int lines, int units, List<PickedItem> picked) {

}
