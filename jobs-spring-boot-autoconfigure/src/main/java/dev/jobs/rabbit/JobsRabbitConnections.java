package dev.jobs.rabbit;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.DisposableBean;

/**
 * The starter's own two connections to RabbitMQ, separate from the application's: one for
 * publishing, with correlated publisher confirms and returns, and one for consuming. Keeping
 * them apart means a broker that throttles publishers (flow control) never stalls the acks
 * that would relieve it, and the application's own Rabbit settings cannot switch confirms off.
 */
public final class JobsRabbitConnections implements DisposableBean {

	private final CachingConnectionFactory publisher;

	private final CachingConnectionFactory worker;

	/**
	 * Takes ownership of two connection factories, enabling confirms and returns on the first.
	 * @param publisher the factory for publishing
	 * @param worker the factory for consuming
	 */
	public JobsRabbitConnections(CachingConnectionFactory publisher, CachingConnectionFactory worker) {
		publisher.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
		publisher.setPublisherReturns(true);
		publisher.setConnectionNameStrategy((factory) -> "jobs-publisher");
		worker.setConnectionNameStrategy((factory) -> "jobs-worker");
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
	}

}
