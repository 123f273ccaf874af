package dev.jobs.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import dev.jobs.JobHandle;
import dev.jobs.JobOptions;
import dev.jobs.JobRequest;
import dev.jobs.JobStatus;
import dev.jobs.Jobs;
import dev.jobs.core.port.ResultRecord;
import dev.jobs.core.port.ResultStore;
import dev.jobs.rabbit.topology.JobsTopology;
import dev.jobs.rabbit.topology.QueueType;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The dashboard at the scale issue 18 names: how long each page takes to answer with
 * {@code --dashboard-records} job records (1,000,000) in Redis and {@code --dashboard-dead-letters}
 * (100,000) in the dead-letter queue. Once, before its first round, it
 * <ol>
 * <li>starts a second application in this JVM ({@link DashboardBenchConfiguration}): a servlet
 * web application on a free port with the dashboard on, a broker prefix of its own (so it has
 * its own dead-letter queue and leaves the machine's alone), a Redis key prefix under the run's,
 * and a worker for {@link DashboardBenchTasks#FAILING};</li>
 * <li>enqueues the dead letters' jobs and waits until every one is in the dead-letter queue,
 * each with its {@code FAILURE} record written by the worker;</li>
 * <li>writes the other records as {@code SUCCESS} records of three tasks through the result
 * store, as workers write them, their times spread over the last 50 minutes (within the run's
 * one-hour record TTL, so none is trimmed from the indexes).</li>
 * </ol>
 * Each round then requests every page {@code --dashboard-views} times over HTTP, one after the
 * other, after one request that is not counted, and reports the median and the slowest answer
 * of each. After the first round's pages it replays the first failure group through the
 * dashboard's API, as its button does, times the background action, and checks that every
 * entry ran exactly once more and came back to the dead-letter queue (the task fails again):
 * none lost, none twice. On close it stops that application and deletes its broker queues and
 * exchanges; its keys go with the run's.
 */
final class DashboardPhase implements PhaseRunner {

	private static final String PATH = "/jobs";

	private static final String QUEUE = "dash";

	private static final String[] TASKS = { "bench.report", "bench.mail", "bench.sync" };

	private static final Duration SPREAD = Duration.ofMinutes(50);

	private static final Duration FILL_LIMIT = Duration.ofMinutes(15);

	private static final int WINDOW = 5_000;

	private static final Pattern READ_TOOK = Pattern.compile("dead letters, read at .*? in (\\d+) ms");

	private static final Pattern FINGERPRINT = Pattern.compile("\"fingerprint\":\"([^\"]+)\"");

	private final BenchmarkEnvironment environment;

	private final BenchmarkOptions.DashboardOptions dashboard;

	private final String brokerPrefix;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private ConfigurableApplicationContext context;

	private Map<String, String> pages;

	private String filled = "";

	private String replayed = "";

	DashboardPhase(BenchmarkEnvironment environment, BenchmarkOptions options) {
		this.environment = environment;
		this.dashboard = options.dashboard();
		this.brokerPrefix = environment.queue() + "-dash";
	}

	@Override
	public Phase phase() {
		return Phase.DASHBOARD;
	}

	@Override
	public List<Metric> round() throws Exception {
		boolean first = this.context == null;
		if (first) {
			start();
			this.pages = fill();
		}
		List<Metric> metrics = new ArrayList<>();
		for (Map.Entry<String, String> page : this.pages.entrySet()) {
			long[] millis = views(page.getValue());
			String label = page.getKey().replace('_', ' ') + " page";
			metrics.add(new Metric("dashboard_" + page.getKey() + "_p50_ms", label + ", median", "ms",
					millis[millis.length / 2] / 1e6));
			metrics.add(new Metric("dashboard_" + page.getKey() + "_max_ms", label + ", slowest", "ms",
					millis[millis.length - 1] / 1e6));
		}
		metrics.add(new Metric("dashboard_dlq_read_ms", "the dashboard's latest read of the dead-letter queue (background)",
				"ms", deadLetterReadMillis()));
		if (first) {
			this.replayed = replayOneGroup();
		}
		return metrics;
	}

	@Override
	public List<String> notes() {
		return List.of("dashboard: " + this.filled, "dashboard: " + this.replayed);
	}

	private void start() {
		SpringApplication application = new SpringApplication(DashboardBenchConfiguration.class);
		application.setWebApplicationType(WebApplicationType.SERVLET);
		application.setBannerMode(Banner.Mode.OFF);
		application.setLogStartupInfo(false);
		Map<String, Object> properties = BenchmarkEnvironment.sharedProperties();
		properties.put("server.port", "0");
		properties.put("server.address", "127.0.0.1");
		properties.put("jobs.dashboard.enabled", "true");
		properties.put("jobs.dashboard.path", PATH);
		properties.put("jobs.rabbit.prefix", this.brokerPrefix);
		properties.put("jobs.redis.key-prefix", this.environment.keyPrefix() + "dash:");
		properties.put("jobs.default-queue", QUEUE);
		properties.put("jobs.worker.queues", QUEUE);
		// Every dead letter is logged at WARN, which would be the phase's whole output.
		properties.put("logging.level.dev.jobs.core.execution.OutcomeSettlement", "ERROR");
		application.setDefaultProperties(properties);
		this.context = application.run();
	}

	/**
	 * Fills the dead letters and the records, and names the pages to read.
	 * @return the pages by their metric name, each with its path under the dashboard's
	 */
	private Map<String, String> fill() throws Exception {
		long began = System.nanoTime();
		String deadJob = deadLetters();
		long deadLettered = System.nanoTime();
		String succeededJob = successRecords(this.dashboard.records() - this.dashboard.deadLetters());
		long recorded = System.nanoTime();
		this.filled = String.format("%,d dead letters in %.0f s, %,d more records in %.0f s",
				this.dashboard.deadLetters(), (deadLettered - began) / 1e9,
				this.dashboard.records() - this.dashboard.deadLetters(), (recorded - deadLettered) / 1e9);
		String fingerprint = firstFingerprint();
		Instant now = Instant.now();
		Map<String, String> pages = new LinkedHashMap<>();
		pages.put("overview", "/");
		pages.put("jobs", "/jobs");
		pages.put("jobs_failed", "/jobs?status=FAILURE");
		pages.put("jobs_task", "/jobs?task=" + TASKS[1]);
		pages.put("jobs_range", "/jobs?after=" + now.minus(Duration.ofMinutes(30)) + "&before="
				+ now.minus(Duration.ofMinutes(20)));
		pages.put("job", "/jobs/" + succeededJob);
		pages.put("job_dead", "/jobs/" + deadJob);
		pages.put("failures", "/failures");
		pages.put("failure_group", "/failures/" + fingerprint);
		pages.put("dry_run", "/api/failures/" + fingerprint + "/dry-run");
		pages.put("schedules", "/schedules");
		pages.put("audit", "/audit");
		return pages;
	}

	/**
	 * Enqueues the failing jobs and waits until all are dead letters.
	 * @return the id of one of them
	 */
	private String deadLetters() throws IOException, InterruptedException, TimeoutException {
		Jobs jobs = this.context.getBean(Jobs.class);
		int count = this.dashboard.deadLetters();
		List<JobRequest> requests = new ArrayList<>(500);
		String first = null;
		for (int n = 0; n < count; n++) {
			requests.add(new JobRequest(DashboardBenchTasks.FAILING, List.of((long) n), JobOptions.defaults()));
			if (requests.size() == 500 || n == count - 1) {
				List<JobHandle<Object>> handles = jobs.enqueueAll(requests);
				first = (first != null) ? first : handles.get(0).id();
				requests.clear();
			}
		}
		String deadLetterQueue = topology().deadLetterQueue();
		long deadline = System.nanoTime() + FILL_LIMIT.toNanos();
		while (this.environment.admin().depth(deadLetterQueue) < count) {
			if (System.nanoTime() > deadline) {
				throw new TimeoutException("Only " + this.environment.admin().depth(deadLetterQueue) + " of " + count
						+ " jobs reached " + deadLetterQueue + " in " + FILL_LIMIT.toMinutes() + " minutes");
			}
			Thread.sleep(200);
		}
		return first;
	}

	/**
	 * Writes {@code SUCCESS} records, a window of them at a time.
	 * @return the id of the last
	 */
	private String successRecords(int count) {
		ResultStore results = this.context.getBean(ResultStore.class);
		Instant now = Instant.now();
		long step = SPREAD.toNanos() / Math.max(1, count);
		List<CompletableFuture<Void>> window = new ArrayList<>(WINDOW);
		String id = null;
		for (int n = 0; n < count; n++) {
			id = UUID.randomUUID().toString();
			Instant enqueued = now.minusNanos(step * (count - n));
			window.add(results.recordAsync(new ResultRecord(id, TASKS[n % TASKS.length], QUEUE, JobStatus.SUCCESS, 1,
					1, enqueued, null, enqueued.plusMillis(2), enqueued.plusMillis(5), null, null, null, null, null, null,
					null)));
			if (window.size() == WINDOW || n == count - 1) {
				CompletableFuture.allOf(window.toArray(CompletableFuture[]::new)).join();
				window.clear();
			}
		}
		return id;
	}

	/**
	 * Replays the first group through the dashboard's API, as its button does, and checks that
	 * every entry ran once more and came back (the task fails again): none lost, none twice.
	 * @return what it measured
	 */
	private String replayOneGroup() throws IOException, InterruptedException, TimeoutException {
		String fingerprint = firstFingerprint();
		long count = Long.parseLong(field(get("/api/failures/" + fingerprint + "/dry-run").body(), "count"));
		DashboardBenchTasks tasks = this.context.getBean(DashboardBenchTasks.class);
		long runsBefore = tasks.runs();
		long start = System.nanoTime();
		HttpResponse<String> accepted = this.http.send(HttpRequest
			.newBuilder(URI.create(base() + "/api/failures/" + fingerprint + "/replay"))
			.header("X-Jobs-Dashboard", "1")
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
		if (accepted.statusCode() != 202) {
			throw new IllegalStateException("The replay answered " + accepted.statusCode() + ": " + accepted.body());
		}
		String action = field(accepted.body(), "id");
		long deadline = System.nanoTime() + FILL_LIMIT.toNanos();
		String progress;
		while (!(progress = get("/api/actions/" + action).body()).contains("\"state\":\"DONE\"")) {
			if (progress.contains("\"state\":\"FAILED\"") || System.nanoTime() > deadline) {
				throw new IllegalStateException("The replay did not finish: " + progress);
			}
			Thread.sleep(100);
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		long changed = Long.parseLong(field(progress, "changed"));
		String deadLetterQueue = topology().deadLetterQueue();
		while ((tasks.runs() < runsBefore + changed
				|| this.environment.admin().depth(deadLetterQueue) < this.dashboard.deadLetters())
				&& System.nanoTime() < deadline) {
			Thread.sleep(200);
		}
		long ran = tasks.runs() - runsBefore;
		long depth = this.environment.admin().depth(deadLetterQueue);
		if (changed != count || ran != changed || depth != this.dashboard.deadLetters()) {
			throw new IllegalStateException("Replayed a group of " + count + ": " + changed + " replayed, " + ran
					+ " ran again, " + depth + " dead letters after (of " + this.dashboard.deadLetters() + ")");
		}
		return String.format("replayed a group of %,d in %.1f s (%,.0f a second); each ran once more and came back,"
				+ " %,d dead letters after", changed, seconds, changed / seconds, depth);
	}

	private static String field(String json, String name) {
		Matcher matcher = Pattern.compile("\"" + name + "\":\"?([^\",}]+)").matcher(json);
		if (!matcher.find()) {
			throw new IllegalStateException("No " + name + " in " + json);
		}
		return matcher.group(1);
	}

	/**
	 * The first group's fingerprint, once the dashboard's first read of the dead-letter queue,
	 * which the first view starts, is in.
	 */
	private String firstFingerprint() throws IOException, InterruptedException, TimeoutException {
		long deadline = System.nanoTime() + FILL_LIMIT.toNanos();
		while (System.nanoTime() < deadline) {
			Matcher matcher = FINGERPRINT.matcher(get("/api/failures").body());
			if (matcher.find()) {
				return matcher.group(1);
			}
			Thread.sleep(200);
		}
		throw new TimeoutException("The failures page listed no group in " + FILL_LIMIT.toMinutes() + " minutes");
	}

	/** How long the dashboard's latest read of the dead-letter queue took, as the failures page says. */
	private double deadLetterReadMillis() throws IOException, InterruptedException {
		Matcher matcher = READ_TOOK.matcher(get("/failures").body());
		return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
	}

	private long[] views(String path) throws IOException, InterruptedException {
		get(path);
		long[] nanos = new long[this.dashboard.views()];
		for (int i = 0; i < nanos.length; i++) {
			long start = System.nanoTime();
			get(path);
			nanos[i] = System.nanoTime() - start;
		}
		Arrays.sort(nanos);
		return nanos;
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		URI uri = URI.create(base() + path);
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2)).build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("GET " + uri + " answered " + response.statusCode() + ": "
					+ response.body().substring(0, Math.min(300, response.body().length())));
		}
		return response;
	}

	private String base() {
		return "http://127.0.0.1:" + this.context.getEnvironment().getProperty("local.server.port") + PATH;
	}

	private JobsTopology topology() {
		return new JobsTopology(this.brokerPrefix, QueueType.QUORUM, List::of);
	}

	/**
	 * Stops the application, then deletes what its topology declared: its job queue, its
	 * dead-letter queue with the dead letters, its delay levels and its exchanges.
	 */
	@Override
	public void close() throws IOException, TimeoutException {
		if (this.context == null) {
			return;
		}
		this.context.close();
		JobsTopology topology = topology();
		List<String> queues = new ArrayList<>(topology.delayQueueNames());
		queues.add(topology.queueName(QUEUE));
		queues.add(topology.deadLetterQueue());
		List<String> exchanges = new ArrayList<>(topology.delayQueueNames());
		exchanges.addAll(List.of(topology.exchange(), topology.deadLetterExchange(), topology.delayDeliveryExchange()));
		try (Connection connection = this.environment.rabbitFactory().newConnection("jobs-bench-dashboard-cleanup");
				Channel channel = connection.createChannel()) {
			for (String queue : queues) {
				channel.queueDelete(queue);
			}
			for (String exchange : exchanges) {
				channel.exchangeDelete(exchange);
			}
		}
	}

}
