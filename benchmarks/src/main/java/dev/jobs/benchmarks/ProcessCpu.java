package dev.jobs.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of one process, and of its threads by name, from {@code /proc/<pid>/stat} and
 * {@code /proc/<pid>/task/<tid>/stat} (Linux; elsewhere every figure reads -1).
 *
 * <p>Thread names are the kernel's, cut to 15 characters: HotSpot's JIT compiler threads read
 * {@code C1 CompilerThre} and {@code C2 CompilerThre}. HotSpot starts and ends compiler threads
 * as the compile queue grows and shrinks, and a thread that has ended is no longer listed, so
 * {@link ThreadSampler} reads the threads repeatedly and keeps the last figure of each one it
 * saw: a compiler thread that ended between two samples loses at most one interval.
 */
final class ProcessCpu {

	/** Linux reports {@code stat} times in clock ticks, 100 a second on every common kernel. */
	static final long NANOS_PER_TICK = 10_000_000L;

	private ProcessCpu() {
	}

	/**
	 * User and system CPU of a process so far.
	 * @param pid the process
	 * @return nanoseconds, or -1 where it cannot be read
	 */
	static long processNanos(long pid) {
		try {
			return ticks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))) * NANOS_PER_TICK;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	/**
	 * The command name in a {@code stat} line.
	 * @param stat the line
	 * @return the name between the parentheses
	 */
	static String command(String stat) {
		return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
	}

	/**
	 * User plus system clock ticks of a {@code stat} line.
	 * @param stat the line
	 * @return the ticks
	 */
	static long ticks(String stat) {
		// After "pid (comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
	}

	/**
	 * Reads the CPU of a process's threads again and again, remembering every thread seen.
	 */
	static final class ThreadSampler {

		private final long pid;

		private final Map<Long, String> names = new HashMap<>();

		private final Map<Long, Long> nanos = new HashMap<>();

		ThreadSampler(long pid) {
			this.pid = pid;
		}

		/**
		 * Reads every thread of the process now.
		 */
		synchronized void sample() {
			try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(this.pid), "task"))) {
				tasks.forEach((task) -> {
					try {
						String stat = Files.readString(task.resolve("stat"));
						long tid = Long.parseLong(task.getFileName().toString());
						this.names.put(tid, command(stat));
						this.nanos.put(tid, ticks(stat) * NANOS_PER_TICK);
					}
					catch (IOException | RuntimeException ex) {
						// The thread ended while being read: its last sample stands.
					}
				});
			}
			catch (IOException | RuntimeException ex) {
				// The process ended: the last samples stand.
			}
		}

		/**
		 * CPU of the threads whose name starts with one of the given prefixes, as last sampled,
		 * counting threads that have ended since.
		 * @param prefixes thread name prefixes
		 * @return nanoseconds
		 */
		synchronized long nanos(String... prefixes) {
			long total = 0;
			for (Map.Entry<Long, Long> thread : this.nanos.entrySet()) {
				String name = this.names.get(thread.getKey());
				for (String prefix : prefixes) {
					if (name.startsWith(prefix)) {
						total += thread.getValue();
						break;
					}
				}
			}
			return total;
		}

	}

}
