package dev.jobs.rabbit.topology;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;

/**
 * The RabbitMQ objects jobs travel through, and their names. This is the only place that
 * knows queue arguments.
 *
 * <ul>
 * <li>exchange {@code jobs} (direct, durable): routes a job by its queue name to
 * {@code jobs.<queue>};</li>
 * <li>one durable queue per job queue, quorum by default with a delivery limit, dead-lettering
 * to {@code jobs.dlx};</li>
 * <li>exchange {@code jobs.dlx} (direct, durable) and queue {@code jobs.dead-letter}, where
 * every job that cannot succeed waits for an operator.</li>
 * </ul>
 */
public final class JobsTopology {

	/** The exchange jobs are published to. */
	public static final String JOBS_EXCHANGE = "jobs";

	/** The exchange dead letters are published to. */
	public static final String DEAD_LETTER_EXCHANGE = "jobs.dlx";

	/** The queue that holds dead letters. */
	public static final String DEAD_LETTER_QUEUE = "jobs.dead-letter";

	/** The routing key of dead letters. */
	public static final String DEAD_LETTER_ROUTING_KEY = "dead-letter";

	private final Supplier<? extends Collection<JobQueueSpec>> queues;

	/**
	 * A topology whose job queues are computed when it is declared, so that queues named by
	 * tasks registered late in start-up are included.
	 * @param queues supplies the job queues to declare
	 */
	public JobsTopology(Supplier<? extends Collection<JobQueueSpec>> queues) {
		this.queues = queues;
	}

	/**
	 * The broker queue that holds a job queue's jobs.
	 * @param jobQueue the job queue name
	 * @return the broker queue name
	 */
	public static String queueName(String jobQueue) {
		return "jobs." + jobQueue;
	}

	/**
	 * The job queues this topology declares.
	 * @return the queue specs
	 */
	public List<JobQueueSpec> queues() {
		return List.copyOf(this.queues.get());
	}

	/**
	 * Everything to declare, dead-letter objects first so that a job queue never points at a
	 * missing dead-letter exchange.
	 * @return the declarables, in declaration order
	 */
	public List<Declarable> declarables() {
		List<Declarable> declarables = new ArrayList<>();
		DirectExchange deadLetterExchange = ExchangeBuilder.directExchange(DEAD_LETTER_EXCHANGE).durable(true).build();
		Queue deadLetterQueue = QueueBuilder.durable(DEAD_LETTER_QUEUE).quorum().build();
		declarables.add(deadLetterExchange);
		declarables.add(deadLetterQueue);
		declarables.add(BindingBuilder.bind(deadLetterQueue).to(deadLetterExchange).with(DEAD_LETTER_ROUTING_KEY));
		DirectExchange jobsExchange = ExchangeBuilder.directExchange(JOBS_EXCHANGE).durable(true).build();
		declarables.add(jobsExchange);
		for (JobQueueSpec spec : queues()) {
			Queue queue = jobQueue(spec);
			declarables.add(queue);
			declarables.add(binding(queue, jobsExchange, spec.name()));
		}
		return declarables;
	}

	private static Queue jobQueue(JobQueueSpec spec) {
		QueueBuilder builder = QueueBuilder.durable(queueName(spec.name()))
			.deadLetterExchange(DEAD_LETTER_EXCHANGE)
			.deadLetterRoutingKey(DEAD_LETTER_ROUTING_KEY);
		if (spec.type() == QueueType.QUORUM) {
			// At-least-once dead-lettering keeps a poison message until the DLQ has confirmed it;
			// RabbitMQ requires reject-publish overflow for it.
			builder.quorum()
				.deliveryLimit(spec.deliveryLimit())
				.overflow(QueueBuilder.Overflow.rejectPublish)
				.withArgument("x-dead-letter-strategy", "at-least-once");
		}
		else if (spec.maxPriority() > 0) {
			builder.maxPriority(spec.maxPriority());
		}
		return builder.build();
	}

	private static Binding binding(Queue queue, DirectExchange exchange, String routingKey) {
		return BindingBuilder.bind(queue).to(exchange).with(routingKey);
	}

}
