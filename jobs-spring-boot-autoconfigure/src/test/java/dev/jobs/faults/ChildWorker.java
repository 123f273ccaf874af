package dev.jobs.faults;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A worker JVM ({@link FaultWorkerMain}) that the test starts and kills, on the test's own class
 * path, with a small heap and the quick compiler, since the machine's cores are shared. Its
 * output goes to {@code target/fault-workers/<name>.log}.
 */
final class ChildWorker implements AutoCloseable {

	private final Process process;

	private final String name;

	private ChildWorker(Process process, String name) {
		this.process = process;
		this.name = name;
	}

	/**
	 * Starts a worker of the namespace.
	 * @param namespace the namespace it consumes
	 * @param name a name for its log file
	 * @param extraProperties further {@code name=value} properties
	 * @return the running worker
	 */
	static ChildWorker start(FaultNamespace namespace, String name, List<String> extraProperties) {
		List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
				"-XX:+UseSerialGC", "-cp", classPath(), FaultWorkerMain.class.getName()));
		for (String property : namespace.properties()) {
			command.add("--" + property);
		}
		command.add("--jobs.worker.queues=" + namespace.queue());
		for (String property : extraProperties) {
			command.add("--" + property);
		}
		File log = new File("target/fault-workers", name + ".log");
		log.getParentFile().mkdirs();
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.to(log))
				.start();
			return new ChildWorker(process, name);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start worker JVM " + name + ": " + ex, ex);
		}
	}

	/**
	 * Whether the JVM still runs.
	 * @return {@code true} until it exits or is killed
	 */
	boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Kills the JVM with SIGKILL, as the kernel's OOM killer or a lost host would: no shutdown
	 * hook runs, no job in flight is settled. Returns once it is gone.
	 */
	void kill() {
		this.process.destroyForcibly();
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("Worker JVM " + this.name + " (pid " + this.process.pid()
						+ ") survived SIGKILL for 30s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The JVM's process id.
	 * @return the pid
	 */
	long pid() {
		return this.process.pid();
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			kill();
		}
	}

	@Override
	public String toString() {
		return this.name + " (pid " + this.process.pid() + ")";
	}

	private static String javaBinary() {
		return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
	}

	/**
	 * The forked test JVM's class path: Failsafe gives it in {@code surefire.test.class.path},
	 * since the JVM's own may be a manifest-only jar.
	 */
	private static String classPath() {
		String path = System.getProperty("surefire.test.class.path");
		return (path != null && !path.isBlank()) ? path : System.getProperty("java.class.path");
	}

}
