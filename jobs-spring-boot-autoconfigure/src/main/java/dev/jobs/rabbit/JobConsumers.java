package dev.jobs.rabbit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.jobs.core.execution.InterruptCause;
import dev.jobs.core.execution.JobWorker;
import dev.jobs.core.execution.RunningJobs;
import dev.jobs.rabbit.topology.JobsTopology;
import dev.jobs.rabbit.topology.RabbitVersion;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The consuming side of this instance: for each job queue in {@code jobs.worker.queues}, as many
 * {@link QueueConsumer}s as the queue's concurrency, each with the queue's prefetch,
 * acknowledging manually.
 *
 * <ol>
 * <li>Starts once the context is ready, after every task is registered, and stops before the
 * rest of the context on shutdown.</li>
 * <li>On stop, consumers are cancelled first, so no new job starts; deliveries pushed ahead are
 * given back untouched. Jobs in flight get {@code jobs.worker.shutdown-timeout} to finish, be
 * settled and be acknowledged, including those that finished before and whose result is still
 * on its way to Redis.</li>
 * <li>Jobs still running then are interrupted, and given back if they end for it; whatever is
 * still unacknowledged after that is given back by closing the channels: the broker redelivers it
 * to another worker, or to this one after a restart.</li>
 * </ol>
 */
public final class JobConsumers implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(JobConsumers.class);

	/** How long interrupted jobs get to end and give their deliveries back before the channels close. */
	private static final Duration INTERRUPTED_GRACE = Duration.ofSeconds(2);

	private final ConnectionFactory connectionFactory;

	private final JobsTopology topology;

	private final List<WorkerQueue> queues;

	private final JobWorker worker;

	private final WorkerSettings settings;

	private final RunningJobs runningJobs;

	private final List<QueueConsumer> consumers = new ArrayList<>();

	private final ConsumerTimeouts consumerTimeouts;

	/** The queues paused now, also before the consumers start, so that they start paused. */
	private final Set<String> paused = new HashSet<>();

	private InFlight inFlight;

	private Acknowledger acknowledger;

	private ScheduledExecutorService recovery;

	private volatile boolean running;

	/**
	 * Consumers for the given queues; none runs before {@link #start()}.
	 * @param connectionFactory the worker connection, whose dispatch pool runs the jobs
	 * @param topology names the broker queue of each job queue
	 * @param queues the queues to consume
	 * @param worker runs and settles each delivery
	 * @param settings how the worker behaves
	 * @param runningJobs the jobs the worker runs now, to interrupt those that outlast the
	 * shutdown timeout
	 * @param consumerTimeouts keeps the broker's consumer timeout from running a job twice
	 */
	public JobConsumers(ConnectionFactory connectionFactory, JobsTopology topology, List<WorkerQueue> queues,
			JobWorker worker, WorkerSettings settings, RunningJobs runningJobs, ConsumerTimeouts consumerTimeouts) {
		this.consumerTimeouts = consumerTimeouts;
		this.connectionFactory = connectionFactory;
		this.topology = topology;
		this.queues = List.copyOf(queues);
		this.worker = worker;
		this.settings = settings;
		this.runningJobs = runningJobs;
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.consumerTimeouts.verify(brokerVersion(), this.queues);
		this.inFlight = new InFlight();
		this.acknowledger = new Acknowledger(this.inFlight);
		this.recovery = Executors.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("jobs-recovery-"));
		for (WorkerQueue queue : this.queues) {
			JobDeliveryHandler handler = new JobDeliveryHandler(queue, this.worker, this.settings.settleRetryPause());
			for (int i = 0; i < queue.concurrency(); i++) {
				QueueConsumer consumer = new QueueConsumer(this.connectionFactory, queue,
						this.topology.queueName(queue.name()), handler, this.inFlight, this.acknowledger, this.recovery,
						this.consumerTimeouts);
				if (this.paused.contains(queue.name())) {
					consumer.pause();
				}
				consumer.start();
				this.consumers.add(consumer);
			}
		}
		this.running = true;
		logger.info("Jobs worker consuming " + this.queues + (this.settings.virtualThreads() ? " on virtual threads" : ""));
	}

	/** The broker's version, or {@code null} while it cannot be reached: the consumers connect later. */
	private RabbitVersion brokerVersion() {
		try {
			return QueueConsumer.version(this.connectionFactory.createConnection().getDelegate());
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	@Override
	public void stop() {
		stopConsumers();
	}

	@Override
	public void stop(Runnable callback) {
		CompletableFuture.runAsync(this::stopConsumers).whenComplete((result, error) -> callback.run());
	}

	private synchronized void stopConsumers() {
		if (!this.running) {
			return;
		}
		this.running = false;
		this.recovery.shutdownNow();
		this.consumers.forEach(QueueConsumer::cancel);
		if (!awaitIdle(this.settings.shutdownTimeout())) {
			logger.warn(this.inFlight.count() + " job(s) still running after jobs.worker.shutdown-timeout ("
					+ this.settings.shutdownTimeout() + "); interrupting them, they will be redelivered");
			this.runningJobs.interruptAll(InterruptCause.SHUTDOWN);
			awaitIdle(INTERRUPTED_GRACE);
		}
		this.consumers.forEach(QueueConsumer::close);
		this.consumers.clear();
		this.acknowledger.close();
		logger.info("Jobs worker stopped");
	}

	private boolean awaitIdle(Duration timeout) {
		try {
			return this.inFlight.awaitNone(timeout);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Stops taking jobs from a queue on this instance, or takes them again; the jobs running
	 * finish either way. Called before {@link #start()}, the queue's consumers start paused.
	 * Does nothing for a queue this worker does not consume.
	 * @param queue the job queue
	 * @param paused whether to pause it
	 */
	public synchronized void paused(String queue, boolean paused) {
		if (paused) {
			this.paused.add(queue);
		}
		else {
			this.paused.remove(queue);
		}
		for (QueueConsumer consumer : this.consumers) {
			if (consumer.queueName().equals(queue)) {
				if (paused) {
					consumer.pause();
				}
				else {
					consumer.resume();
				}
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
