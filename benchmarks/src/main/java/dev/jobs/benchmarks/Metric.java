package dev.jobs.benchmarks;

/**
 * One figure measured in one round.
 *
 * @param key the name it has in the {@code RESULT} line and across rounds
 * @param label what it measures, for the table
 * @param unit its unit, for the table
 * @param value its value
 */
record Metric(String key, String label, String unit, double value) {

}
