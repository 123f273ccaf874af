package dev.jobs.rabbit.topology;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.Supplier;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;

/**
 * The RabbitMQ objects jobs travel through, and their names. This is the only place that
 * knows queue arguments, and the only place that names a queue or an exchange: every name
 * starts with the topology's prefix ({@code jobs.rabbit.prefix}, {@code jobs} by default), so
 * that applications sharing a virtual host never see each other's jobs. With prefix {@code p}:
 *
 * <ul>
 * <li>exchange {@code p} (direct, durable): routes a job by its queue name to
 * {@code p.<queue>};</li>
 * <li>one durable queue per job queue, quorum by default with a delivery limit, dead-lettering
 * to {@code p.dlx};</li>
 * <li>exchange {@code p.dlx} (direct, durable) and queue {@code p.dead-letter}, where every
 * job that cannot succeed waits for an operator;</li>
 * <li>the delay levels, for countdowns, ETAs and retry backoff, with no broker plugin and no
 * timer in any worker: for each level {@code k} from 21 down to 0, a topic exchange and a
 * queue {@code p.delay.quorum.k} (quorum, the default) or {@code p.delay.k} (classic) whose
 * messages live 2<sup>k</sup> seconds and then dead-letter to the next level down. A delayed job's routing key spells its delay in seconds as 22 binary
 * digits followed by its job queue ({@code 0.0.….1.0.1.default}); each level's exchange sends it
 * into that level's queue if its digit is 1, or straight on to the next level if it is 0. After
 * level 0 the exchange {@code p.delay.deliver} routes it by the job queue name to the job
 * queue. A job thus waits exactly its delay, rounded up to the second, in at most 22 durable
 * queues, and a million delayed jobs cost the workers nothing. This is the scheme NServiceBus's
 * RabbitMQ transport uses.</li>
 * </ul>
 *
 * <p>Quorum delay levels are replicated and hand each message on at least once: a message stays
 * in its level until the next level (or the job queue) has confirmed it, so a node loss loses no
 * delayed job. Classic levels live on one node and hand messages on at most once. The two kinds
 * have different names because RabbitMQ refuses to redeclare a queue with other arguments: an
 * application that switches from classic to quorum declares a new set of levels, and the
 * classic ones it declared before still drain through the shared
 * {@code p.delay.deliver} exchange, and can be deleted once empty.
 *
 * <p>Every quorum queue says where its leader goes when it is created: on the cluster node with the
 * fewest leaders ({@code x-queue-leader-locator}: {@code least-leaders} from RabbitMQ 3.10,
 * {@code balanced} from 4.0, which reads the old value as a deprecated alias). The broker's
 * default, {@code client-local}, puts every leader on the node of the connection that declared
 * it, which is the first of {@code spring.rabbitmq.addresses} for every instance started in
 * order: one node then takes all publishes and deliveries, and its loss re-elects every queue
 * at once. The argument matters only at creation, so a queue that exists without it is used as
 * it is ({@link TopologyDeclarer}).
 *
 * <p>The dead-letter queue has no delivery limit, so that browsing it (which takes messages and
 * gives them back) can never drop an entry: RabbitMQ 4 gives quorum queues a default limit of
 * 20 deliveries unless a queue says {@code x-delivery-limit: -1}; RabbitMQ 3 has no default
 * limit, and there -1 would dead-letter (drop) every message on its first return, so the
 * argument is only declared on RabbitMQ 4 and later.
 */
public final class JobsTopology {

	/** The prefix of every name unless configured otherwise. */
	public static final String DEFAULT_PREFIX = "jobs";

	/** The routing key of dead letters. */
	public static final String DEAD_LETTER_ROUTING_KEY = "dead-letter";

	/** How many delay levels there are; the longest delay is 2^LEVELS - 1 seconds. */
	public static final int DELAY_LEVELS = 22;

	private static final String DEAD_LETTER_STRATEGY = "x-dead-letter-strategy";

	private static final String AT_LEAST_ONCE = "at-least-once";

	/** Spring AMQP's typed value for it spells only the RabbitMQ 4 names. */
	private static final String LEADER_LOCATOR = "x-queue-leader-locator";

	/** Every value a RabbitMQ version from 3.10 on accepts for it. */
	private static final List<String> LEADER_LOCATORS = List.of("least-leaders", "balanced", "client-local", "random");

	private final String prefix;

	private final QueueType delayQueueType;

	private volatile Set<String> knownQueues = Set.of();

	private final Supplier<? extends Collection<JobQueueSpec>> queues;

	/**
	 * A topology whose names start with the given prefix and whose job queues are computed when
	 * it is declared, so that queues named by tasks registered late in start-up are included.
	 * @param prefix the first word of every exchange and queue name
	 * @param delayQueueType the queue type of the delay levels
	 * @param queues supplies the job queues to declare
	 */
	public JobsTopology(String prefix, QueueType delayQueueType, Supplier<? extends Collection<JobQueueSpec>> queues) {
		this.prefix = prefix;
		this.delayQueueType = delayQueueType;
		this.queues = queues;
	}

	/**
	 * The first word of every name in this topology.
	 * @return the prefix
	 */
	public String prefix() {
		return this.prefix;
	}

	/**
	 * The exchange jobs are published to.
	 * @return {@code <prefix>}
	 */
	public String exchange() {
		return this.prefix;
	}

	/**
	 * The broker queue that holds a job queue's jobs.
	 * @param jobQueue the job queue name
	 * @return {@code <prefix>.<jobQueue>}
	 */
	public String queueName(String jobQueue) {
		return this.prefix + "." + jobQueue;
	}

	/**
	 * The job queue a broker queue of this topology holds.
	 * @param brokerQueue a broker queue name
	 * @return the job queue name, or {@code null} if the broker queue is not one of this
	 * topology's job queues
	 */
	public String jobQueueOf(String brokerQueue) {
		String start = this.prefix + ".";
		return (brokerQueue != null && brokerQueue.startsWith(start) && brokerQueue.length() > start.length())
				? brokerQueue.substring(start.length()) : null;
	}

	/**
	 * The exchange dead letters are published to.
	 * @return {@code <prefix>.dlx}
	 */
	public String deadLetterExchange() {
		return this.prefix + ".dlx";
	}

	/**
	 * The queue that holds dead letters.
	 * @return {@code <prefix>.dead-letter}
	 */
	public String deadLetterQueue() {
		return this.prefix + ".dead-letter";
	}

	/**
	 * The exchange that hands delayed jobs, once due, to their job queues.
	 * @return {@code <prefix>.delay.deliver}
	 */
	public String delayDeliveryExchange() {
		return this.prefix + ".delay.deliver";
	}

	/**
	 * The exchange and the queue of one delay level.
	 * @param level the level, 0 to {@link #DELAY_LEVELS} - 1
	 * @return {@code <prefix>.delay.quorum.<level>} for quorum levels,
	 * {@code <prefix>.delay.<level>} for classic ones
	 */
	public String delayLevel(int level) {
		return this.prefix + ((this.delayQueueType == QueueType.QUORUM) ? ".delay.quorum." : ".delay.") + level;
	}

	/**
	 * Every delay level's queue, for counting delayed jobs.
	 * @return the delay queue names, highest level first
	 */
	public List<String> delayQueueNames() {
		List<String> names = new ArrayList<>(DELAY_LEVELS);
		for (int level = DELAY_LEVELS - 1; level >= 0; level--) {
			names.add(delayLevel(level));
		}
		return names;
	}

	/**
	 * The exchange a delayed job is published to: the highest level, so that every level
	 * sees its digit.
	 * @return the top delay level's exchange
	 */
	public String delayEntryExchange() {
		return delayLevel(DELAY_LEVELS - 1);
	}

	/**
	 * The routing key that carries a job through the delay levels to its queue.
	 * @param seconds the delay, 1 to 2^{@link #DELAY_LEVELS} - 1
	 * @param jobQueue the job queue name
	 * @return the binary digits of the delay, highest first, then the queue name
	 */
	public static String delayRoutingKey(long seconds, String jobQueue) {
		if (seconds < 1 || seconds >= (1L << DELAY_LEVELS)) {
			throw new IllegalArgumentException("Delay of " + seconds + "s is outside 1 to " + ((1L << DELAY_LEVELS) - 1)
					+ " seconds");
		}
		StringBuilder key = new StringBuilder(DELAY_LEVELS * 2 + jobQueue.length());
		for (int level = DELAY_LEVELS - 1; level >= 0; level--) {
			key.append(((seconds >> level) & 1) == 1 ? '1' : '0').append('.');
		}
		return key.append(jobQueue).toString();
	}

	/**
	 * Whether a job queue is one this topology declares, so that a delayed job is never sent
	 * toward a queue that will not exist when it is due.
	 * @param jobQueue the job queue name
	 * @return {@code true} if declared
	 */
	public boolean declares(String jobQueue) {
		if (this.knownQueues.contains(jobQueue)) {
			return true;
		}
		this.knownQueues = queues().stream().map(JobQueueSpec::name).collect(Collectors.toUnmodifiableSet());
		return this.knownQueues.contains(jobQueue);
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
	 * @param broker the version of the broker they are declared on
	 * @return the declarables, in declaration order
	 * @throws IllegalStateException if the broker cannot hold quorum delay levels (before
	 * RabbitMQ 3.10, quorum queues have no message TTL)
	 */
	public List<Declarable> declarables(RabbitVersion broker) {
		if (this.delayQueueType == QueueType.QUORUM && !broker.isAtLeast(3, 10)) {
			throw new IllegalStateException("RabbitMQ " + broker + " cannot hold quorum delay levels (quorum queues"
					+ " have message TTL and at-least-once dead-lettering from 3.10 on); upgrade RabbitMQ, or set"
					+ " jobs.rabbit.delay-queue-type to classic");
		}
		List<Declarable> declarables = new ArrayList<>();
		DirectExchange deadLetterExchange = ExchangeBuilder.directExchange(deadLetterExchange()).durable(true).build();
		declarables.add(deadLetterExchange);
		Queue deadLetterQueue = deadLetterQueue(broker, deadLetterQueue(), leaderLocator(broker));
		declarables.add(deadLetterQueue);
		declarables.add(BindingBuilder.bind(deadLetterQueue).to(deadLetterExchange).with(DEAD_LETTER_ROUTING_KEY));
		DirectExchange jobsExchange = ExchangeBuilder.directExchange(exchange()).durable(true).build();
		declarables.add(jobsExchange);
		TopicExchange delivery = ExchangeBuilder.topicExchange(delayDeliveryExchange()).durable(true).build();
		declarables.add(delivery);
		for (JobQueueSpec spec : queues()) {
			Queue queue = jobQueue(spec, leaderLocator(broker));
			declarables.add(queue);
			declarables.add(BindingBuilder.bind(queue).to(jobsExchange).with(spec.name()));
			declarables.add(BindingBuilder.bind(queue).to(delivery).with(anyWords(DELAY_LEVELS) + spec.name()));
		}
		declarables.addAll(delayLevels(delivery, leaderLocator(broker)));
		return declarables;
	}

	/**
	 * The ways an existing queue may have been declared before, differing from the given one
	 * only in its leader locator: without one (before leaders were placed), or with another
	 * value (a queue created on RabbitMQ 3 and declared again after an upgrade to 4). RabbitMQ
	 * checks every argument it knows when a queue is declared again and refuses any difference,
	 * although this one only places a new queue's leader.
	 * @param queue a queue of this topology
	 * @return the alternatives, the one without the argument first; empty if the queue has no
	 * leader locator
	 */
	public List<Queue> leaderLocatorAlternatives(Queue queue) {
		Object current = queue.getArguments().get(LEADER_LOCATOR);
		if (current == null) {
			return List.of();
		}
		List<Queue> alternatives = new ArrayList<>();
		alternatives.add(withLeaderLocator(queue, null));
		for (String other : LEADER_LOCATORS) {
			if (!other.equals(current)) {
				alternatives.add(withLeaderLocator(queue, other));
			}
		}
		return alternatives;
	}

	/**
	 * Where a queue places its leader when it is created.
	 * @param queue a queue of this topology
	 * @return its leader locator, or {@code null} for the broker's default
	 */
	public static String leaderLocatorOf(Queue queue) {
		Object value = queue.getArguments().get(LEADER_LOCATOR);
		return (value != null) ? value.toString() : null;
	}

	private static Queue withLeaderLocator(Queue queue, String leaderLocator) {
		Map<String, Object> arguments = new HashMap<>(queue.getArguments());
		if (leaderLocator != null) {
			arguments.put(LEADER_LOCATOR, leaderLocator);
		}
		else {
			arguments.remove(LEADER_LOCATOR);
		}
		return new Queue(queue.getName(), queue.isDurable(), queue.isExclusive(), queue.isAutoDelete(), arguments);
	}

	/**
	 * Least leaders first; {@code null} before 3.10, which has no such argument (classic delay
	 * levels may still be declared there). Only quorum queues get it: RabbitMQ 3.10 refuses it
	 * on a classic queue ({@code invalid arg 'x-queue-leader-locator' ... of queue type
	 * rabbit_classic_queue}), and a classic queue is not replicated, so its place matters less.
	 */
	private static String leaderLocator(RabbitVersion broker) {
		if (broker.isAtLeast(4, 0)) {
			return QueueBuilder.LeaderLocator.balanced.getValue();
		}
		return broker.isAtLeast(3, 10) ? "least-leaders" : null;
	}

	private static QueueBuilder placed(QueueBuilder builder, String leaderLocator) {
		return (leaderLocator != null) ? builder.withArgument(LEADER_LOCATOR, leaderLocator) : builder;
	}

	private List<Declarable> delayLevels(TopicExchange delivery, String leaderLocator) {
		List<Declarable> declarables = new ArrayList<>();
		TopicExchange below = delivery;
		for (int level = 0; level < DELAY_LEVELS; level++) {
			TopicExchange exchange = ExchangeBuilder.topicExchange(delayLevel(level)).durable(true).build();
			Queue queue = delayQueue(level, below, leaderLocator);
			String digits = anyWords(DELAY_LEVELS - 1 - level);
			declarables.add(exchange);
			declarables.add(queue);
			declarables.add(BindingBuilder.bind(queue).to(exchange).with(digits + "1.#"));
			declarables.add(BindingBuilder.bind(below).to(exchange).with(digits + "0.#"));
			below = exchange;
		}
		return declarables;
	}

	/**
	 * A fixed per-queue TTL expires messages strictly in order at the head, in either type. A
	 * quorum level keeps each message until the next level confirmed it (at-least-once
	 * dead-lettering, which RabbitMQ allows only with reject-publish overflow); a classic one is
	 * lazy, so millions of waiting jobs stay on disk rather than in broker memory.
	 */
	private Queue delayQueue(int level, TopicExchange below, String leaderLocator) {
		QueueBuilder builder = QueueBuilder.durable(delayLevel(level))
			.ttl((int) Math.min(Integer.MAX_VALUE, (1L << level) * 1000))
			.deadLetterExchange(below.getName());
		if (this.delayQueueType == QueueType.QUORUM) {
			placed(builder.quorum(), leaderLocator)
				.overflow(QueueBuilder.Overflow.rejectPublish)
				.withArgument(DEAD_LETTER_STRATEGY, AT_LEAST_ONCE);
		}
		else {
			builder.lazy();
		}
		return builder.build();
	}

	private static Queue deadLetterQueue(RabbitVersion broker, String name, String leaderLocator) {
		QueueBuilder builder = placed(QueueBuilder.durable(name).quorum(), leaderLocator);
		if (broker.isAtLeast(4, 0)) {
			builder.deliveryLimit(-1);
		}
		return builder.build();
	}

	private static String anyWords(int count) {
		return "*.".repeat(count);
	}

	private Queue jobQueue(JobQueueSpec spec, String leaderLocator) {
		QueueBuilder builder = QueueBuilder.durable(queueName(spec.name()))
			.deadLetterExchange(deadLetterExchange())
			.deadLetterRoutingKey(DEAD_LETTER_ROUTING_KEY);
		if (spec.type() == QueueType.QUORUM) {
			// At-least-once dead-lettering keeps a poison message until the DLQ has confirmed it;
			// RabbitMQ requires reject-publish overflow for it.
			placed(builder.quorum(), leaderLocator)
				.deliveryLimit(spec.deliveryLimit())
				.overflow(QueueBuilder.Overflow.rejectPublish)
				.withArgument(DEAD_LETTER_STRATEGY, AT_LEAST_ONCE);
		}
		else if (spec.maxPriority() > 0) {
			builder.maxPriority(spec.maxPriority());
		}
		return builder.build();
	}

}
