package dev.jobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code rabbitmqctl} against one of the RabbitMQ nodes a suite starts itself (the fault
 * suite's node, the scale-out suite's cluster nodes), never the shared broker.
 */
public final class RabbitCtl {

	private RabbitCtl() {
	}

	/**
	 * Runs a command and returns its output, failing if it fails or takes over 150 s.
	 * @param node the node's name, such as {@code fault@localhost}
	 * @param suite the suite that needs it, for the message when rabbitmqctl is missing
	 * @param args the command and its arguments
	 * @return the command's output
	 */
	public static String run(String node, String suite, String... args) {
		List<String> command = new ArrayList<>(List.of("rabbitmqctl", "-n", node));
		command.addAll(List.of(args));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(150, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
			}
			return output;
		}
		catch (IOException ex) {
			throw new IllegalStateException("rabbitmqctl is needed for " + suite + ": " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
