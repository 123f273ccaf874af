package dev.jobs.rabbit;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.core.task.support.ExecutorServiceAdapter;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The starter's own two connections to RabbitMQ, separate from the application's: one for
 * publishing, with correlated publisher confirms and returns, and one for consuming. Keeping
 * them apart means a broker that throttles publishers (flow control) never stalls the acks
 * that would relieve it, and the application's own Rabbit settings cannot switch confirms off.
 *
 * <p>Jobs run on the consuming connection's dispatch threads ({@link QueueConsumer}), so that
 * connection gets a pool that grows with the consumers instead of the client's default of twice
 * the processor count, which would cap how many jobs run at once: {@code jobs-worker-N} threads,
 * or virtual threads where the application runs on them.
 */
public final class JobsRabbitConnections implements DisposableBean {

	private final CachingConnectionFactory publisher;

	private final CachingConnectionFactory worker;

	private final ExecutorService dispatch;

	/**
	 * Takes ownership of two connection factories, enabling confirms and returns on the first and
	 * giving the second its dispatch threads.
	 * @param publisher the factory for publishing
	 * @param worker the factory for consuming
	 * @param virtualThreads whether jobs run on virtual threads (Java 21 and later)
	 */
	public JobsRabbitConnections(CachingConnectionFactory publisher, CachingConnectionFactory worker,
			boolean virtualThreads) {
		publisher.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
		publisher.setPublisherReturns(true);
		publisher.setConnectionNameStrategy((factory) -> "jobs-publisher");
		worker.setConnectionNameStrategy((factory) -> "jobs-worker");
		this.dispatch = virtualThreads ? new ExecutorServiceAdapter(new VirtualThreadTaskExecutor("jobs-worker-"))
				: Executors.newCachedThreadPool(new CustomizableThreadFactory("jobs-worker-"));
		worker.setExecutor(this.dispatch);
		this.publisher = publisher;
		this.worker = worker;
	}

	/**
	 * The publishing connection factory.
	 * @return the factory
	 */
	public CachingConnectionFactory publisher() {
		return this.publisher;
	}

	/**
	 * The consuming connection factory.
	 * @return the factory
	 */
	public CachingConnectionFactory worker() {
		return this.worker;
	}

	/**
	 * A template that publishes on the publishing connection.
	 * @return a new template
	 */
	public RabbitTemplate newTemplate() {
		return new RabbitTemplate(this.publisher);
	}

	@Override
	public void destroy() {
		this.publisher.destroy();
		this.worker.destroy();
		if (!(this.dispatch instanceof ExecutorServiceAdapter)) {
			this.dispatch.shutdown();
		}
	}

}
