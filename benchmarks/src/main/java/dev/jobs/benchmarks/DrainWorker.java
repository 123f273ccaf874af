package dev.jobs.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.jobs.Jobs;
import dev.jobs.autoconfigure.JobsProperties;
import dev.jobs.rabbit.JobConsumers;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * The worker process of the {@code drain} phase: a JVM of its own, started by the harness as a
 * deployment starts a worker, so that its JIT is as cold as a real one's. It speaks a line
 * protocol with the harness on its standard input and output:
 *
 * <ol>
 * <li>It starts the application (the benchmark's tasks, the starter's auto-configuration, the
 * arguments it was given, such as the queue to consume). Just before the consumers start, it
 * prints {@code DRAIN ready concurrency=<c> prefetch=<p>} and waits.</li>
 * <li>{@code go <n>}: the clock starts, then the consumers. Once {@code n} jobs have run and
 * the latest job of each worker thread has its result stored (as in {@link Completion}), the
 * clock stops and it prints {@code DRAIN done nanos=<elapsed>}; then it stops the consumers
 * (every job acknowledged) and prints {@code DRAIN stopped}.</li>
 * <li>Another {@code go <n>} drains again with the same, now warm, JVM; {@code exit} closes the
 * application and ends the process.</li>
 * </ol>
 *
 * The clock runs from the moment the consumers are started, so the first delivery's round trip
 * is inside it, to the last result stored: the application's start-up is not, as it is not
 * part of a drain.
 */
final class DrainWorker {

	/** The first argument that makes {@link BenchmarkApplication} run this instead. */
	static final String COMMAND = "drain-worker";

	/** What every protocol line starts with. */
	static final String PREFIX = "DRAIN ";

	private static final Duration RESULT_WAIT = Duration.ofSeconds(30);

	private final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

	private final PrintStream out = System.out;

	private ConfigurableApplicationContext context;

	private int count;

	private long start;

	private Completion completion;

	private DrainWorker() {
	}

	/**
	 * Runs the worker until {@code exit} or the end of its input.
	 * @param args arguments for the application
	 */
	static void run(String[] args) throws Exception {
		new DrainWorker().serve(args);
	}

	private void serve(String[] args) throws Exception {
		SpringApplication application = new SpringApplication(BenchmarkConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		application.setLogStartupInfo(false);
		application.setDefaultProperties(BenchmarkEnvironment.sharedProperties());
		application.addInitializers((context) -> {
			this.context = context;
			context.getBeanFactory().registerSingleton("drainGate", new Gate());
		});
		application.run(args);
		while (true) {
			awaitDrained();
			if (!nextCommand()) {
				break;
			}
			this.context.getBean(JobConsumers.class).start();
		}
		this.context.close();
	}

	/** Reads {@code go <n>} and starts the clock; {@code false} on {@code exit} or end of input. */
	private boolean nextCommand() {
		String line;
		try {
			line = this.in.readLine();
		}
		catch (java.io.IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (line == null || line.trim().equals("exit")) {
			return false;
		}
		if (!line.startsWith("go ")) {
			throw new IllegalArgumentException("Expected 'go <jobs>' or 'exit', got '" + line + "'");
		}
		this.count = Integer.parseInt(line.substring(3).trim());
		this.completion = this.context.getBean(BenchTasks.class).expect(this.count);
		this.start = System.nanoTime();
		return true;
	}

	private void awaitDrained() throws InterruptedException {
		this.completion.awaitRun(Duration.ofSeconds(60).plusMillis(this.count * 10L));
		Jobs jobs = this.context.getBean(Jobs.class);
		for (String id : this.completion.lastJobPerThread()) {
			jobs.handle(id).await(RESULT_WAIT);
		}
		long elapsed = System.nanoTime() - this.start;
		this.out.println(PREFIX + "done nanos=" + elapsed);
		this.out.flush();
		this.context.getBean(JobConsumers.class).stop();
		this.out.println(PREFIX + "stopped");
		this.out.flush();
	}

	/**
	 * Holds the start of the consumers until the harness says {@code go}: it starts in the
	 * phase just before theirs.
	 */
	private final class Gate implements SmartLifecycle {

		private volatile boolean running;

		@Override
		public void start() {
			String queue = DrainWorker.this.context.getEnvironment().getRequiredProperty("jobs.default-queue");
			JobsProperties.QueueProperties settings = DrainWorker.this.context.getBean(JobsProperties.class)
				.getQueues()
				.getOrDefault(queue, new JobsProperties.QueueProperties());
			int prefetch = (settings.getPrefetch() != null) ? settings.getPrefetch()
					: BenchmarkOptions.defaultPrefetch(settings.getConcurrency());
			DrainWorker.this.out.println(
					PREFIX + "ready concurrency=" + settings.getConcurrency() + " prefetch=" + prefetch);
			DrainWorker.this.out.flush();
			if (!nextCommand()) {
				throw new IllegalStateException("The harness sent no 'go' to the drain worker");
			}
			this.running = true;
		}

		@Override
		public void stop() {
			this.running = false;
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public int getPhase() {
			return DEFAULT_PHASE - 1;
		}

	}

}
