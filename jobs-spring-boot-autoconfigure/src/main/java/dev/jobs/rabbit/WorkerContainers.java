package dev.jobs.rabbit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.jobs.core.execution.JobWorker;
import dev.jobs.rabbit.topology.JobsTopology;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.VirtualThreadTaskExecutor;

/**
 * The consuming side of this instance: one listener container per job queue in
 * {@code jobs.worker.queues}, each with the queue's concurrency (one consumer per concurrent
 * job) and prefetch, acknowledging manually.
 *
 * <ol>
 * <li>Starts once the context is ready, after every task is registered, and stops before the
 * rest of the context on shutdown.</li>
 * <li>On stop, consumers are cancelled first, so no new job starts; jobs in flight get
 * {@code jobs.worker.shutdown-timeout} to finish and be acknowledged.</li>
 * <li>Whatever is still unacknowledged then is given back by closing the channels: the broker
 * redelivers it to another worker, or to this one after a restart.</li>
 * </ol>
 */
public final class WorkerContainers implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(WorkerContainers.class);

	private final ConnectionFactory connectionFactory;

	private final List<WorkerQueue> queues;

	private final JobWorker worker;

	private final WorkerSettings settings;

	private final List<SimpleMessageListenerContainer> containers = new ArrayList<>();

	private volatile boolean running;

	public WorkerContainers(ConnectionFactory connectionFactory, List<WorkerQueue> queues, JobWorker worker,
			WorkerSettings settings) {
		this.connectionFactory = connectionFactory;
		this.queues = List.copyOf(queues);
		this.worker = worker;
		this.settings = settings;
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		for (WorkerQueue queue : this.queues) {
			SimpleMessageListenerContainer container = container(queue);
			container.start();
			this.containers.add(container);
		}
		this.running = true;
		logger.info("Jobs worker consuming " + this.queues + (this.settings.virtualThreads() ? " on virtual threads" : ""));
	}

	private SimpleMessageListenerContainer container(WorkerQueue queue) {
		SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(this.connectionFactory);
		container.setQueueNames(JobsTopology.queueName(queue.name()));
		container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
		container.setConcurrentConsumers(queue.concurrency());
		container.setPrefetchCount(queue.prefetch());
		container.setMessageListener(new JobDeliveryListener(queue, this.worker, this.settings.settleRetryPause(),
				() -> !this.running));
		container.setTaskExecutor(executor(queue.name()));
		container.setShutdownTimeout(this.settings.shutdownTimeout().toMillis());
		container.setMissingQueuesFatal(false);
		container.setBeanName("jobs-worker-" + queue.name());
		container.afterPropertiesSet();
		return container;
	}

	private TaskExecutor executor(String queue) {
		String prefix = "jobs-" + queue + "-";
		return this.settings.virtualThreads() ? new VirtualThreadTaskExecutor(prefix) : new SimpleAsyncTaskExecutor(prefix);
	}

	@Override
	public void stop() {
		stopContainers();
	}

	@Override
	public void stop(Runnable callback) {
		CompletableFuture.runAsync(this::stopContainers).whenComplete((result, error) -> callback.run());
	}

	private synchronized void stopContainers() {
		if (!this.running) {
			return;
		}
		this.running = false;
		List<CompletableFuture<Void>> stopping = new ArrayList<>();
		for (SimpleMessageListenerContainer container : this.containers) {
			stopping.add(CompletableFuture.runAsync(container::stop));
		}
		CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new)).join();
		this.containers.forEach(SimpleMessageListenerContainer::destroy);
		this.containers.clear();
		logger.info("Jobs worker stopped");
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
