package dev.jobs.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

/**
 * The harness's side of one {@link DrainWorker} process: starts it with the same {@code java},
 * the same jar or class path as this JVM (or the ones {@code --worker-java} and
 * {@code --worker-jar} name) and no JVM option but {@code --worker-jvm-options}, then drives it
 * through its line protocol. Lines the worker prints outside the protocol (its log) are passed
 * on to this process's standard error.
 */
final class WorkerProcess implements AutoCloseable {

	private static final Duration START_LIMIT = Duration.ofMinutes(2);

	private final Process process;

	private final Writer commands;

	private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

	private final long started = System.nanoTime();

	private WorkerProcess(Process process) {
		this.process = process;
		this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
		Thread reader = new Thread(this::readOutput, "drain-worker-output");
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * Starts a worker process consuming one job queue.
	 * @param options how to start it
	 * @param jobQueue the job queue it consumes
	 * @param keyPrefix the Redis key prefix it writes under
	 * @param springArgs more arguments for its application
	 * @return the process, starting
	 */
	static WorkerProcess start(BenchmarkOptions.DrainOptions options, String jobQueue, String keyPrefix,
			List<String> springArgs) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(options.java());
		command.addAll(options.jvmOptions());
		command.addAll(launch(options.jar()));
		command.add(DrainWorker.COMMAND);
		command.add("--jobs.default-queue=" + jobQueue);
		command.add("--jobs.worker.queues=" + jobQueue);
		command.add("--jobs.redis.key-prefix=" + keyPrefix);
		if (options.concurrency() > 0) {
			command.add("--jobs.queues." + jobQueue + ".concurrency=" + options.concurrency());
		}
		if (options.prefetch() > 0) {
			command.add("--jobs.queues." + jobQueue + ".prefetch=" + options.prefetch());
		}
		command.addAll(springArgs);
		command.addAll(options.workerArgs());
		return new WorkerProcess(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
	}

	/** {@code -jar} for a Spring Boot jar (this one's, or the one given), else this JVM's class path. */
	private static List<String> launch(String jar) throws IOException {
		if (!jar.isEmpty()) {
			return List.of("-jar", jar);
		}
		// Under Surefire and Failsafe the class path is a manifest-only jar; this is the real one.
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		if (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)) {
			try (JarFile file = new JarFile(classPath)) {
				if (file.getEntry("BOOT-INF/classes/") != null) {
					return List.of("-jar", classPath);
				}
			}
		}
		return List.of("-cp", classPath, BenchmarkApplication.class.getName());
	}

	private void readOutput() {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				if (line.startsWith(DrainWorker.PREFIX)) {
					this.replies.add(line.substring(DrainWorker.PREFIX.length()));
				}
				else {
					System.err.println("drain worker | " + line);
				}
			}
		}
		catch (IOException ex) {
			// The process ended; whoever waits for a reply hears of it.
		}
	}

	/**
	 * The worker's process id, for reading its CPU.
	 * @return the pid
	 */
	long pid() {
		return this.process.pid();
	}

	/**
	 * Waits until the application has started and its consumers are about to.
	 * @return the worker's concurrency and prefetch, and how long it took to get there
	 */
	Ready awaitReady() throws IOException, InterruptedException {
		String reply = reply("ready", START_LIMIT);
		return new Ready(intField(reply, "concurrency"), intField(reply, "prefetch"),
				Duration.ofNanos(System.nanoTime() - this.started));
	}

	/**
	 * Tells the worker to start consuming, expecting that many jobs.
	 * @param jobs the jobs queued for it
	 */
	void go(int jobs) throws IOException {
		this.commands.write("go " + jobs + "\n");
		this.commands.flush();
	}

	/**
	 * Waits for the last result of the drain to be stored.
	 * @param limit the longest wait
	 * @return the drain's time on the worker's clock, nanoseconds
	 */
	long awaitDone(Duration limit) throws IOException, InterruptedException {
		return Long.parseLong(reply("done", limit).substring("done nanos=".length()));
	}

	/**
	 * Waits for the worker to stop consuming, every job acknowledged.
	 */
	void awaitStopped() throws IOException, InterruptedException {
		reply("stopped", Duration.ofSeconds(30));
	}

	private String reply(String expected, Duration limit) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		while (System.nanoTime() < deadline) {
			String reply = this.replies.poll(200, TimeUnit.MILLISECONDS);
			if (reply != null) {
				if (!reply.startsWith(expected)) {
					throw new IOException("The drain worker said '" + reply + "', expected '" + expected + "'");
				}
				return reply;
			}
			if (!this.process.isAlive() && this.replies.isEmpty()) {
				throw new IOException("The drain worker ended with status " + this.process.exitValue() + " before '"
						+ expected + "' (its output is above, on standard error)");
			}
		}
		throw new IOException("The drain worker did not say '" + expected + "' within " + limit);
	}

	private static int intField(String reply, String name) {
		for (String part : reply.split(" ")) {
			if (part.startsWith(name + "=")) {
				return Integer.parseInt(part.substring(name.length() + 1));
			}
		}
		throw new IllegalStateException("No " + name + " in '" + reply + "'");
	}

	/**
	 * Asks the worker to exit, and ends it if it has not within 30 seconds.
	 */
	@Override
	public void close() throws InterruptedException {
		try {
			this.commands.write("exit\n");
			this.commands.close();
		}
		catch (IOException ex) {
			// Already gone.
		}
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

	/**
	 * The worker, started.
	 *
	 * @param concurrency its consumers
	 * @param prefetch its prefetch per consumer
	 * @param startup from the process's start to its consumers about to start
	 */
	record Ready(int concurrency, int prefetch, Duration startup) {

	}

}
