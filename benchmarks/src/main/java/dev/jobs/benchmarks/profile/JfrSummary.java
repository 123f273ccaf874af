package dev.jobs.benchmarks.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a Flight Recorder file of a benchmark run: where the CPU goes (execution samples)
 * and where the threads wait (parks, monitors, socket reads), per thread group and per starter
 * code path. It streams the file, so a recording with every park in it is fine.
 *
 * <pre>
 * java -XX:StartFlightRecording=filename=e2e.jfr,settings=profile -jar benchmarks/target/jobs-benchmarks.jar --phases=e2e
 * java -cp benchmarks/target/classes dev.jobs.benchmarks.profile.JfrSummary e2e.jfr [thread-regex] [top]
 * </pre>
 *
 * The thread regex (default: worker, producer and client I/O threads of the benchmark) selects
 * the threads counted.
 */
public final class JfrSummary {

	private static final String DEFAULT_THREADS = "^(jobs-bench|e2e-producer|latency-sender|enqueue-|lettuce-|AMQP Connection)";

	private static final Set<String> WAITS = Set.of("jdk.ThreadPark", "jdk.JavaMonitorEnter", "jdk.JavaMonitorWait",
			"jdk.SocketRead", "jdk.SocketWrite", "jdk.ThreadSleep");

	private final Pattern threads;

	private final Map<String, Long> samplesByThread = new HashMap<>();

	private final Map<String, Long> selfFrames = new HashMap<>();

	private final Map<String, Long> inclusive = new HashMap<>();

	private final Map<String, Long> firstLibraryFrame = new HashMap<>();

	private final Map<String, Duration> waits = new HashMap<>();

	private final Map<String, Long> waitCounts = new HashMap<>();

	private long samples;

	private JfrSummary(Pattern threads) {
		this.threads = threads;
	}

	public static void main(String[] args) throws IOException {
		if (args.length < 1) {
			System.err.println("usage: JfrSummary <file.jfr> [thread-regex] [top]");
			System.exit(2);
		}
		JfrSummary summary = new JfrSummary(Pattern.compile((args.length > 1) ? args[1] : DEFAULT_THREADS));
		try (RecordingFile file = new RecordingFile(Path.of(args[0]))) {
			while (file.hasMoreEvents()) {
				summary.accept(file.readEvent());
			}
		}
		summary.print((args.length > 2) ? Integer.parseInt(args[2]) : 25);
	}

	private void accept(RecordedEvent event) {
		String type = event.getEventType().getName();
		boolean sample = type.equals("jdk.ExecutionSample");
		if (!sample && !WAITS.contains(type)) {
			return;
		}
		RecordedThread thread = sample ? event.getThread("sampledThread") : event.getThread();
		String threadName = (thread != null && thread.getJavaName() != null) ? thread.getJavaName() : "?";
		if (!this.threads.matcher(threadName).find() || event.getStackTrace() == null) {
			return;
		}
		List<String> frames = new ArrayList<>();
		for (RecordedFrame frame : event.getStackTrace().getFrames()) {
			frames.add(frame.getMethod().getType().getName() + "." + frame.getMethod().getName());
		}
		if (frames.isEmpty()) {
			return;
		}
		if (sample) {
			this.samples++;
			this.samplesByThread.merge(threadName.replaceAll("\\d+", "N"), 1L, Long::sum);
			this.selfFrames.merge(frames.get(0), 1L, Long::sum);
			new LinkedHashSet<>(frames).forEach((frame) -> this.inclusive.merge(frame, 1L, Long::sum));
			frames.stream()
				.filter(JfrSummary::isLibrary)
				.findFirst()
				.ifPresent((frame) -> this.firstLibraryFrame.merge(frame, 1L, Long::sum));
		}
		else {
			String key = type.substring("jdk.".length()) + " | " + threadName.replaceAll("\\d+", "N") + " | "
					+ String.join(" <- ", frames.stream().filter((frame) -> frame.startsWith("dev.jobs.")).limit(3).toList());
			this.waits.merge(key, event.getDuration(), Duration::plus);
			this.waitCounts.merge(key, 1L, Long::sum);
		}
	}

	private static boolean isLibrary(String frame) {
		return frame.startsWith("dev.jobs.") || frame.startsWith("org.springframework.")
				|| frame.startsWith("tools.jackson.") || frame.startsWith("io.lettuce.")
				|| frame.startsWith("com.rabbitmq.") || frame.startsWith("io.netty.");
	}

	private void print(int top) {
		System.out.println("CPU samples on matching threads: " + this.samples);
		section("by thread group", this.samplesByThread, top);
		section("top frames (self)", this.selfFrames, top);
		section("first starter/library frame from the top of the stack", this.firstLibraryFrame, top);
		Map<String, Long> starter = new HashMap<>();
		this.inclusive.forEach((frame, count) -> {
			if (frame.startsWith("dev.jobs.") && !frame.startsWith("dev.jobs.benchmarks.")
					|| frame.contains("DefaultRedisScript.getSha1") || frame.contains("ResourceScriptSource.isModified")
					|| frame.startsWith("java.time.Instant.parse") || frame.contains("RabbitTemplate.send")
					|| frame.contains("DefaultScriptExecutor.execute")) {
				starter.put(frame, count);
			}
		});
		section("inclusive: starter code and notable callees", starter, top * 2);
		System.out.println();
		System.out.println("== waits (seconds, summed over threads; count)");
		this.waits.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Duration>comparingByValue().reversed())
			.limit(top)
			.forEach((entry) -> System.out.printf("%9.2fs %8d  %s%n", entry.getValue().toNanos() / 1e9,
					this.waitCounts.get(entry.getKey()), entry.getKey()));
	}

	private void section(String title, Map<String, Long> counts, int top) {
		System.out.println();
		System.out.println("== " + title);
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.limit(top)
			.forEach((entry) -> System.out.printf("%7d %5.1f%%  %s%n", entry.getValue(),
					100.0 * entry.getValue() / Math.max(1, this.samples), entry.getKey()));
	}

}
