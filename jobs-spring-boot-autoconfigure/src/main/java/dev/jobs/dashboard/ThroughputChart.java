package dev.jobs.dashboard;

import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

import dev.jobs.core.port.JobThroughput;

/**
 * The overview's throughput chart: an inline SVG with one line a counter (enqueued, succeeded,
 * failed) over the minutes given, oldest on the left, on one scale, and a legend with each
 * counter's total. Drawn on the server, so it needs no script and no charting library; the
 * overview's live refresh redraws it.
 */
final class ThroughputChart {

	private static final int WIDTH = 600;

	private static final int HEIGHT = 120;

	/** Room above the highest point, so that a flat line at the top is still seen. */
	private static final int TOP = 6;

	private record Series(String name, ToLongFunction<JobThroughput.Minute> count) {
	}

	private static final List<Series> SERIES = List.of(new Series("enqueued", JobThroughput.Minute::enqueued),
			new Series("succeeded", JobThroughput.Minute::succeeded), new Series("failed", JobThroughput.Minute::failed));

	private ThroughputChart() {
	}

	/**
	 * Renders the chart, or a note saying why there is none.
	 * @param html where to write it
	 * @param minutes the counts, oldest first
	 */
	static void render(StringBuilder html, List<JobThroughput.Minute> minutes) {
		html.append("<h2>Throughput, jobs a minute over the last hour</h2>");
		if (minutes.isEmpty()) {
			html.append("<p class=\"note\" id=\"throughput\">No counts: Redis could not be read, or it is a Redis ")
				.append("Cluster, where none are kept.</p>");
			return;
		}
		long max = Math.max(1, minutes.stream()
			.mapToLong((minute) -> Math.max(minute.enqueued(), Math.max(minute.succeeded(), minute.failed())))
			.max()
			.orElse(1));
		html.append("<figure id=\"throughput\"><svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ')
			.append(HEIGHT).append("\" role=\"img\" aria-label=\"jobs enqueued, succeeded and failed a minute\">")
			.append("<title>at most ").append(max).append(" jobs in a minute</title>");
		for (Series series : SERIES) {
			html.append("<polyline class=\"").append(series.name()).append("\" points=\"")
				.append(points(minutes, series.count(), max)).append("\"/>");
		}
		html.append("</svg><figcaption>");
		for (Series series : SERIES) {
			long total = minutes.stream().mapToLong(series.count()).sum();
			html.append("<span class=\"").append(series.name()).append("\" data-total=\"").append(total).append("\">")
				.append(series.name()).append(' ').append(total).append("</span> ");
		}
		html.append("<small>(peak ").append(max).append(" a minute)</small></figcaption></figure>");
	}

	private static String points(List<JobThroughput.Minute> minutes, ToLongFunction<JobThroughput.Minute> count,
			long max) {
		StringBuilder points = new StringBuilder();
		double step = (minutes.size() > 1) ? (double) WIDTH / (minutes.size() - 1) : 0;
		for (int i = 0; i < minutes.size(); i++) {
			double x = i * step;
			double y = HEIGHT - (double) count.applyAsLong(minutes.get(i)) / max * (HEIGHT - TOP);
			points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
		}
		return points.toString().trim();
	}

}
