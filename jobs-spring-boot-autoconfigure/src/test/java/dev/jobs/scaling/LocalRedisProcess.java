package dev.jobs.scaling;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * One {@code redis-server} (or sentinel) process of the scaling suite, on a fixed 127.0.0.1
 * port, its files in a directory of its own. It runs in the foreground as a child of the JVM
 * but also writes a pid file, because a JVM killed with SIGKILL leaves its children running:
 * the next run reads the pid file and stops exactly that process, never one found by name.
 */
final class LocalRedisProcess {

	private final int port;

	private final Path dir;

	private final List<String> arguments;

	private Process process;

	/**
	 * A process not started yet.
	 * @param port the port it listens on
	 * @param dir its directory (pid file, log, configuration)
	 * @param arguments the {@code redis-server} arguments after the executable
	 */
	LocalRedisProcess(int port, Path dir, List<String> arguments) {
		this.port = port;
		this.dir = dir;
		this.arguments = List.copyOf(arguments);
	}

	int port() {
		return this.port;
	}

	Path dir() {
		return this.dir;
	}

	Path pidFile() {
		return this.dir.resolve("redis.pid");
	}

	/** Starts the process and returns once its port accepts connections. */
	synchronized void start() {
		if (this.process != null && this.process.isAlive()) {
			return;
		}
		if (answers(this.port)) {
			throw new IllegalStateException("Port " + this.port + " is taken by a process the scaling suite did not"
					+ " start (no pid file of ours names it); stop it or free the port");
		}
		List<String> command = new ArrayList<>();
		command.add("redis-server");
		command.addAll(this.arguments);
		try {
			Files.createDirectories(this.dir);
			this.process = new ProcessBuilder(command).directory(this.dir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.dir.resolve("stdout.log").toFile()))
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("redis-server is needed for the scaling suite: " + ex, ex);
		}
		Process started = this.process;
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
			if (!started.isAlive()) {
				throw new IllegalStateException("redis-server on port " + this.port + " exited with "
						+ started.exitValue() + "; see " + this.dir.resolve("stdout.log"));
			}
			return answers(this.port);
		});
	}

	/** Sends SIGKILL to the process, as a crash would, and returns once it is gone. */
	synchronized void kill() {
		Process running = this.process;
		this.process = null;
		if (running != null) {
			running.destroyForcibly();
			waitFor(running.toHandle());
		}
		else {
			stopLeftover(pidFile());
		}
	}

	boolean alive() {
		Process running = this.process;
		return running != null && running.isAlive();
	}

	/**
	 * Stops the process a pid file names, if it is still a {@code redis-server}: the pid of a
	 * process that died long ago may have been given to something else since.
	 * @param pidFile the pid file an earlier run left
	 */
	static void stopLeftover(Path pidFile) {
		if (!Files.isRegularFile(pidFile)) {
			return;
		}
		long pid;
		try {
			pid = Long.parseLong(Files.readString(pidFile).trim());
		}
		catch (IOException | NumberFormatException ex) {
			return;
		}
		Optional<ProcessHandle> handle = ProcessHandle.of(pid);
		if (handle.isPresent() && handle.get().info().command().orElse("").contains("redis")) {
			handle.get().destroyForcibly();
			waitFor(handle.get());
		}
	}

	/**
	 * Stops every leftover a pid file under the directory names, then deletes the directory.
	 * @param root the suite's directory for one set-up
	 */
	static void stopLeftoversAndWipe(Path root) {
		if (!Files.isDirectory(root)) {
			return;
		}
		try (Stream<Path> files = Files.walk(root)) {
			files.filter((path) -> path.getFileName().toString().endsWith(".pid")).forEach(LocalRedisProcess::stopLeftover);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		try (Stream<Path> files = Files.walk(root)) {
			files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void waitFor(ProcessHandle handle) {
		try {
			handle.onExit().get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Process " + handle.pid() + " did not exit after SIGKILL", ex);
		}
	}

	static boolean answers(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
