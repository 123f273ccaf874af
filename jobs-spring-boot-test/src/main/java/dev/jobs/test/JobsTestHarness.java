package dev.jobs.test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.execution.InboundJob;
import dev.jobs.core.execution.JobWorker;
import dev.jobs.core.execution.Outcome;
import dev.jobs.core.port.Acknowledgement;
import dev.jobs.core.port.DeadLetter;
import dev.jobs.core.task.TaskDefinition;
import dev.jobs.core.task.TaskRegistry;
import dev.jobs.test.memory.InMemoryJobBroker;
import dev.jobs.test.memory.InMemoryJobBroker.Message;

/**
 * What a test uses to see and drive the jobs of an application in test mode (see
 * {@link AutoConfigureJobs}): the jobs enqueued, with their decoded arguments; running what is
 * due; and the {@linkplain VirtualClock clock} that delays, retries, expiries, rate limits and
 * schedules follow.
 *
 * <p>The life of a job here:
 * <ol>
 * <li>the application enqueues it through the real {@code Jobs} bean; the in-memory broker
 * keeps its message (see {@link #enqueued()});</li>
 * <li>in {@link JobsTestMode#INLINE INLINE} mode it runs at once if it is due; in
 * {@link JobsTestMode#CAPTURE CAPTURE} mode it waits for {@link #runAll()} or
 * {@link #drain()};</li>
 * <li>it runs through the starter's own worker, which settles it as in production: a result
 * record, a retry (another message, due at its backoff), or a dead letter (see
 * {@link #deadLetters()}) and the failure listeners;</li>
 * <li>a message due later runs once the clock reaches it: {@link #advance(Duration)} in
 * {@code INLINE} mode, or {@link #drain()} in either.</li>
 * </ol>
 * Jobs run on the thread that asks (the test's, or the one that enqueued in {@code INLINE}
 * mode); a job enqueued while another runs on that thread runs after it.
 */
public final class JobsTestHarness {

	/** How many jobs one call runs at most before it concludes that they never end. */
	static final int MAX_RUNS = 10_000;

	/** How long the worker may take to settle one job; in memory it settles at once. */
	private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);

	private static final ThreadLocal<Boolean> running = ThreadLocal.withInitial(() -> false);

	private final JobsTestMode mode;

	private final InMemoryJobBroker broker;

	private final VirtualClock clock;

	private final Supplier<JobWorker> worker;

	private final TaskRegistry registry;

	private final JsonMapper mapper;

	private final Runnable resetStores;

	/**
	 * A harness over the given parts.
	 * @param mode whether enqueued jobs run at once
	 * @param parts the broker, the clock, the worker and what reads arguments
	 * @param resetStores forgets what the in-memory stores hold
	 */
	public JobsTestHarness(JobsTestMode mode, Parts parts, Runnable resetStores) {
		this.mode = mode;
		this.broker = parts.broker();
		this.clock = parts.clock();
		this.worker = parts.worker();
		this.registry = parts.registry();
		this.mapper = parts.mapper();
		this.resetStores = resetStores;
		if (mode == JobsTestMode.INLINE) {
			this.broker.onPublish((message) -> {
				// A job enqueued by a running job (a chain's next step, a retry) runs after it, in the
				// outer loop: a run inside a run would settle the inner job before the outer one.
				if (!running.get()) {
					runAll();
				}
			});
		}
	}

	/**
	 * What happens to enqueued jobs.
	 * @return the mode
	 */
	public JobsTestMode mode() {
		return this.mode;
	}

	/**
	 * The clock the engine runs on.
	 * @return the clock
	 */
	public VirtualClock clock() {
		return this.clock;
	}

	/**
	 * Every job message published since the context started or the last {@link #reset()}, in
	 * order: first enqueues, chain steps, retries and deferred copies.
	 * @return the jobs
	 */
	public List<CapturedJob> enqueued() {
		return this.broker.published().stream().map(this::captured).toList();
	}

	/**
	 * The job messages published for one task, in order.
	 * @param task the task name
	 * @return the jobs
	 */
	public List<CapturedJob> enqueued(String task) {
		return this.broker.published()
			.stream()
			.filter((message) -> message.envelope().task().equals(task))
			.map(this::captured)
			.toList();
	}

	/**
	 * The job messages waiting to run, in the order they fall due.
	 * @return the jobs
	 */
	public List<CapturedJob> waiting() {
		return this.broker.waiting().stream().map(this::captured).toList();
	}

	/**
	 * The dead letters published: jobs that failed for good, or could not be read.
	 * @return the dead letters, in order
	 */
	public List<DeadLetter> deadLetters() {
		return this.broker.deadLetters();
	}

	/**
	 * Runs every job due now, including those that the runs enqueue and that are due at once,
	 * and leaves the clock where it is.
	 * @return how many messages ran
	 * @throws IllegalStateException if jobs are still due after {@value #MAX_RUNS} runs (jobs that
	 * enqueue each other without end), or the worker could not settle one
	 */
	public int runAll() {
		int runs = 0;
		Optional<Message> next;
		while ((next = this.broker.takeDue(this.clock.instant())).isPresent()) {
			run(next.get());
			runs = counted(runs);
		}
		return runs;
	}

	/**
	 * Runs every job until none waits, moving the clock on to each next due time: delays and
	 * retries play out in order, at their times, in no time at all.
	 * @return how many messages ran
	 * @throws IllegalStateException if jobs still wait after {@value #MAX_RUNS} runs (a job that
	 * retries or snoozes without end), or the worker could not settle one
	 */
	public int drain() {
		int runs = 0;
		Optional<Instant> due;
		while ((due = this.broker.nextDue()).isPresent()) {
			this.clock.advanceTo(due.get());
			Optional<Message> next = this.broker.takeDue(this.clock.instant());
			if (next.isPresent()) {
				run(next.get());
				runs = counted(runs);
			}
		}
		return runs;
	}

	/**
	 * Moves the clock on. In {@code INLINE} mode, each job that falls due on the way runs at its
	 * due time, in order, as a worker would run it; in {@code CAPTURE} mode nothing runs.
	 * @param duration how far, zero or positive
	 * @return how many messages ran
	 * @throws IllegalArgumentException if the duration is negative
	 */
	public int advance(Duration duration) {
		if (duration.isNegative()) {
			throw new IllegalArgumentException("The jobs test clock never moves back; got " + duration);
		}
		Instant target = this.clock.instant().plus(duration);
		if (this.mode == JobsTestMode.CAPTURE) {
			this.clock.advanceTo(target);
			return 0;
		}
		int runs = 0;
		Optional<Instant> due;
		while ((due = this.broker.nextDue()).isPresent() && !due.get().isAfter(target)) {
			this.clock.advanceTo(due.get());
			Optional<Message> next = this.broker.takeDue(this.clock.instant());
			if (next.isPresent()) {
				run(next.get());
				runs = counted(runs);
			}
		}
		this.clock.advanceTo(target);
		return runs;
	}

	/**
	 * Forgets every job, dead letter and stored record (results, idempotency keys, locks,
	 * workflows), so that the next test starts clean in a context it shares with this one. The
	 * clock stays where it is: it never moves back.
	 */
	public void reset() {
		this.broker.clear();
		this.resetStores.run();
	}

	private int counted(int runs) {
		if (runs + 1 >= MAX_RUNS) {
			throw new IllegalStateException("Jobs still due after " + MAX_RUNS + " runs, so they seem never to end"
					+ " (jobs that enqueue each other, or retry or snooze without end); waiting now: "
					+ this.waiting().stream().limit(10).map(CapturedJob::task).toList());
		}
		return runs + 1;
	}

	private void run(Message message) {
		JobEnvelope job = message.envelope();
		JobWorker jobWorker = this.worker.get();
		InboundJob inbound = new InboundJob(message.body(), job.queue(), message.deliveries() > 0,
				message.deliveries(), 0);
		boolean outer = !running.get();
		running.set(true);
		try {
			Outcome outcome = jobWorker.handle(inbound).get(SETTLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			if (outcome.kind().acknowledgement() == Acknowledgement.GIVE_BACK) {
				this.broker.giveBack(message, this.clock.instant());
			}
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Job " + job.id() + " (task '" + job.task() + "') ran but the worker"
					+ " could not settle it: " + ex.getCause(), ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("Job " + job.id() + " (task '" + job.task() + "') was not settled within "
					+ SETTLE_TIMEOUT, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while job " + job.id() + " ran", ex);
		}
		finally {
			if (outer) {
				running.remove();
			}
		}
	}

	private CapturedJob captured(Message message) {
		JobEnvelope job = message.envelope();
		return new CapturedJob(job.id(), job.task(), job.queue(), job.attempt(), arguments(job), job.enqueuedAt(),
				job.eta());
	}

	private List<Object> arguments(JobEnvelope job) {
		Optional<TaskDefinition> task = this.registry.find(job.task());
		if (task.isPresent()) {
			try {
				return Arrays.asList(task.get().codec().decode(job.args()));
			}
			catch (RuntimeException ex) {
				// Arguments that do not fit are the worker's to dead-letter; shown here as they came.
			}
		}
		return plain(job.args());
	}

	private List<Object> plain(ArrayNode args) {
		List<Object> values = new ArrayList<>(args.size());
		for (JsonNode arg : args) {
			values.add(this.mapper.treeToValue(arg, Object.class));
		}
		return values;
	}

	/**
	 * What the harness drives.
	 *
	 * @param broker the in-memory broker
	 * @param clock the engine's clock
	 * @param worker the starter's worker, asked for when a job first runs
	 * @param registry the tasks of this application, whose declared types decode arguments
	 * @param mapper the engine's JSON mapper, which reads the arguments of other services' tasks
	 */
	public record Parts(InMemoryJobBroker broker, VirtualClock clock, Supplier<JobWorker> worker,
			TaskRegistry registry, JsonMapper mapper) {

	}

}
