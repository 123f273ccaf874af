package dev.jobs.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time spent by the whole machine (every process: broker, Redis, this JVM) and by this JVM,
 * so a phase can say what one message costs in CPU, not only in wall time. On a machine where
 * the broker, Redis and the application share two cores, the throughput ratio of two phases
 * is roughly the inverse ratio of their machine CPU per message.
 *
 * <p>The machine figure comes from {@code /proc/stat} (Linux); elsewhere it reads as not measured.
 */
final class CpuMeter {

	private static final Path PROC_STAT = Path.of("/proc/stat");

	/** Linux reports {@code /proc/stat} in clock ticks too. */
	private static final long NANOS_PER_TICK = ProcessCpu.NANOS_PER_TICK;

	private CpuMeter() {
	}

	/**
	 * The CPU time used so far.
	 * @return a reading
	 */
	static Reading read() {
		long jvm = (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)
				? os.getProcessCpuTime() : -1;
		return new Reading(machineBusyNanos(), jvm, processNanos("beam.smp"), processNanos("redis-server"));
	}

	/** User and system CPU of every process with that command name (from {@code /proc/<pid>/stat}), or -1. */
	private static long processNanos(String command) {
		try (var processes = Files.list(Path.of("/proc"))) {
			return processes.filter((dir) -> dir.getFileName().toString().chars().allMatch(Character::isDigit))
				.mapToLong((dir) -> processTicks(dir, command))
				.sum() * NANOS_PER_TICK;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	private static long processTicks(Path dir, String command) {
		try {
			String stat = Files.readString(dir.resolve("stat"));
			return ProcessCpu.command(stat).equals(command) ? ProcessCpu.ticks(stat) : 0;
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	private static long machineBusyNanos() {
		try {
			String[] fields = Files.readAllLines(PROC_STAT).get(0).trim().split("\\s+");
			// cpu user nice system idle iowait irq softirq steal ...: busy is all but idle and iowait.
			long busy = 0;
			for (int i = 1; i < fields.length && i <= 8; i++) {
				if (i != 4 && i != 5) {
					busy += Long.parseLong(fields[i]);
				}
			}
			return busy * NANOS_PER_TICK;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	/**
	 * CPU used up to one moment.
	 *
	 * @param machineNanos busy CPU time of the whole machine, or -1 where unknown
	 * @param jvmNanos CPU time of this JVM, or -1 where unknown
	 * @param brokerNanos CPU time of the local RabbitMQ node ({@code beam.smp}), or -1 where unknown
	 * @param redisNanos CPU time of the local Redis ({@code redis-server}), or -1 where unknown
	 */
	record Reading(long machineNanos, long jvmNanos, long brokerNanos, long redisNanos) {

		/**
		 * CPU per item since an earlier reading, in microseconds (NaN where unknown), as
		 * metrics of a phase: the machine, RabbitMQ, Redis and this JVM.
		 * @param earlier the earlier reading
		 * @param items how many items were processed in between
		 * @param prefix the metric key prefix
		 * @param what what was measured, for the labels
		 * @param jvm what this JVM is in the phase, for the label
		 * @return the metrics
		 */
		List<Metric> metrics(Reading earlier, long items, String prefix, String what, String jvm) {
			return List.of(
					new Metric(prefix + "_machine_cpu_us", what + ": machine CPU per item", "µs",
							perItem(this.machineNanos, earlier.machineNanos, items)),
					new Metric(prefix + "_broker_cpu_us", what + ": RabbitMQ CPU per item", "µs",
							perItem(this.brokerNanos, earlier.brokerNanos, items)),
					new Metric(prefix + "_redis_cpu_us", what + ": Redis CPU per item", "µs",
							perItem(this.redisNanos, earlier.redisNanos, items)),
					new Metric(prefix + "_jvm_cpu_us", what + ": " + jvm + " JVM CPU per item", "µs",
							perItem(this.jvmNanos, earlier.jvmNanos, items)));
		}

		private static double perItem(long now, long before, long items) {
			return (now < 0 || before < 0) ? Double.NaN : (now - before) / 1e3 / items;
		}

	}

}
